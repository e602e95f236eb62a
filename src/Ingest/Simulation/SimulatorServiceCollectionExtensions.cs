using CommandCenter.Geography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CommandCenter.Simulation;

public static class SimulatorServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SimulatorOptions"/> (section "Simulator", validated), the <see cref="CountyScenario"/>,
    /// an <see cref="HttpEventSink"/> as <see cref="IEventSink"/> (unless one is registered) and the
    /// <see cref="CountySimulator"/> as a hosted service (also resolvable itself, for its counters).
    /// Needs a <see cref="CountyMap"/> in the container. The host sets BaseAddress and ApiKey through the options.
    /// </summary>
    public static IServiceCollection AddCountySimulator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SimulatorOptions>()
            .Bind(configuration.GetSection(SimulatorOptions.SectionName))
            .Validate(o => o.Problem() is null, "invalid Simulator options (see SimulatorOptions.Problem)");
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient(HttpEventSink.ClientName, (sp, client) =>
        {
            var o = sp.GetRequiredService<IOptions<SimulatorOptions>>().Value;
            if (o.BaseAddress is not null)
                client.BaseAddress = o.BaseAddress.AbsoluteUri.EndsWith('/') ? o.BaseAddress : new Uri(o.BaseAddress.AbsoluteUri + "/");
            client.Timeout = TimeSpan.FromSeconds(30);
        });
        services.TryAddSingleton<IEventSink>(sp =>
        {
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            var o = sp.GetRequiredService<IOptions<SimulatorOptions>>().Value;
            return new HttpEventSink(() => factory.CreateClient(HttpEventSink.ClientName), o.ApiKey);
        });

        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<SimulatorOptions>>().Value;
            return new CountyScenario(new Random(o.Seed), sp.GetRequiredService<CountyMap>(), o);
        });
        services.TryAddSingleton<CountySimulator>();
        services.AddHostedService(sp => sp.GetRequiredService<CountySimulator>());
        return services;
    }
}
