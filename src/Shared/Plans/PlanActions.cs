namespace CommandCenter.Plans;

/// <summary>What a plan step requires (预案步骤的动作). Wire names, stored in plans and in plan_activated events.</summary>
public static class PlanActions
{
    /// <summary>通知部门: summon department <see cref="PlanStep.Department"/> (fulfilled by a whistle on the incident that calls it).</summary>
    public const string Notify = "notify";
    /// <summary>调派力量: dispatch <see cref="PlanStep.Count"/> units of kind <see cref="PlanStep.UnitKind"/> (fulfilled by the incident's orders).</summary>
    public const string Dispatch = "dispatch";
    /// <summary>开放避难场所: open the shelter at point of interest <see cref="PlanStep.Poi"/> (marked done by a person).</summary>
    public const string Shelter = "shelter";
    /// <summary>发布预警: issue a warning to streets <see cref="PlanStep.Streets"/> (marked done by a person).</summary>
    public const string Warn = "warn";
    /// <summary>调拨物资: request <see cref="PlanStep.Quantity"/> of item <see cref="PlanStep.Item"/> (fulfilled by the incident's supply orders).</summary>
    public const string Supplies = "supplies";

    public static readonly IReadOnlyList<string> All = [Notify, Dispatch, Shelter, Warn, Supplies];
}
