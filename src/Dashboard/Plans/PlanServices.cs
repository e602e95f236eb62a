namespace CommandCenter.Plans;

/// <summary>The response plan library (预案库) in the host.</summary>
public static class PlanServices
{
    public static void AddPlans(this WebApplicationBuilder builder) =>
        builder.Services.AddSingleton<IPlanLibrary, FilePlanLibrary>();
}
