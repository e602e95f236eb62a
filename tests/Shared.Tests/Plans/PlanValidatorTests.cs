using CommandCenter.Plans;
using CommandCenter.Shared.Tests.Geography;

namespace CommandCenter.Shared.Tests.Plans;

/// <summary>Every rule of a plan and of each action's step, each error naming its field.</summary>
public sealed class PlanValidatorTests
{
    private static readonly string Poi = DemoCounty.Map.Pois.First(p => p.Kind == CommandCenter.Geography.PoiKind.ServiceCenter).Id;
    private static readonly string Street = DemoCounty.Map.Streets[0].Code;

    private static PlanStep Notify => new() { Id = "s1", Action = PlanActions.Notify, Title = "通知水务局", WithinMinutes = 10, Role = "值班员", Department = "水务局" };

    private static PlanDefinition Good => new()
    {
        Id = "flood-2", Version = 0, Name = "防汛应急预案", AlarmKinds = ["water_level"], Levels = [1, 2],
        Steps =
        [
            Notify,
            new() { Id = "s2", Action = PlanActions.Dispatch, Title = "调派消防", WithinMinutes = 30, Role = "指挥长", UnitKind = "fire", Count = 2 },
            new() { Id = "s3", Action = PlanActions.Shelter, Title = "开放避难场所", WithinMinutes = 45, Role = "街道应急办", Poi = Poi },
            new() { Id = "s4", Action = PlanActions.Warn, Title = "发布预警", WithinMinutes = 20, Role = "街道应急办", Streets = [Street] },
            new() { Id = "s5", Action = PlanActions.Warn, Title = "向事件范围发布预警", WithinMinutes = 20, Role = "街道应急办" },
            new() { Id = "s6", Action = PlanActions.Supplies, Title = "调拨沙袋", WithinMinutes = 60, Role = "物资保障组", Item = "sandbags", Quantity = 2000 },
        ],
    };

    private static IReadOnlyList<PlanError> Check(PlanDefinition plan) => PlanValidator.Validate(plan, DemoCounty.Map);

    private static PlanDefinition WithStep(int i, Func<PlanStep, PlanStep> change) =>
        Good with { Steps = Good.Steps.Select((s, n) => n == i ? change(s) : s).ToList() };

    [Fact]
    public void A_good_plan_with_every_action_has_no_errors() => Assert.Empty(Check(Good));

    public static readonly TheoryData<string, PlanDefinition> Bad = new()
    {
        { "name", Good with { Name = " " } },
        { "name", Good with { Name = new string('预', 201) } },
        { "id", Good with { Id = "Flood" } },
        { "id", Good with { Id = "" } },
        { "id", Good with { Id = "-" } },
        { "id", Good with { Id = new string('a', 65) } },
        { "alarmKinds", Good with { AlarmKinds = [] } },
        { "alarmKinds[1]", Good with { AlarmKinds = ["water_level", "tsunami"] } },
        { "alarmKinds[1]", Good with { AlarmKinds = ["gas", "gas"] } },
        { "levels", Good with { Levels = [] } },
        { "levels[0]", Good with { Levels = [5] } },
        { "levels[1]", Good with { Levels = [2, 0] } },
        { "levels[1]", Good with { Levels = [2, 2] } },
        { "steps", Good with { Steps = [] } },
        { "steps", Good with { Steps = Enumerable.Range(1, 51).Select(i => Notify with { Id = $"s{i}" }).ToList() } },
        { "steps[1].id", Good with { Steps = [Notify, Notify] } },
        { "steps[0].id", WithStep(0, s => s with { Id = "S 1" }) },
        { "steps[0].title", WithStep(0, s => s with { Title = "" }) },
        { "steps[0].title", WithStep(0, s => s with { Title = "\ud800 半个字符" }) },
        { "steps[0].withinMinutes", WithStep(0, s => s with { WithinMinutes = 0 }) },
        { "steps[0].withinMinutes", WithStep(0, s => s with { WithinMinutes = 10081 }) },
        { "steps[0].role", WithStep(0, s => s with { Role = "" }) },
        { "steps[0].role", WithStep(0, s => s with { Role = new string('岗', 65) }) },
        { "steps[0].action", WithStep(0, s => s with { Action = "pray" }) },
        { "steps[0].department", WithStep(0, s => s with { Department = null }) },
        { "steps[1].unitKind", WithStep(1, s => s with { UnitKind = "navy" }) },
        { "steps[1].count", WithStep(1, s => s with { Count = 0 }) },
        { "steps[1].count", WithStep(1, s => s with { Count = 51 }) },
        { "steps[2].poi", WithStep(2, s => s with { Poi = "poi-service-999" }) },
        { "steps[2].poi", WithStep(2, s => s with { Poi = null }) },
        { "steps[3].streets[0]", WithStep(3, s => s with { Streets = ["nowhere"] }) },
        { "steps[5].item", WithStep(5, s => s with { Item = "Sand Bags" }) },
        { "steps[5].item", WithStep(5, s => s with { Item = new string('a', 33) }) },
        { "steps[5].quantity", WithStep(5, s => s with { Quantity = 1_000_001 }) },
        { "steps[5].quantity", WithStep(5, s => s with { Quantity = null }) },
        { "steps[0].count", WithStep(0, s => s with { Count = 3 }) },           // a field of another action
        { "steps[1].department", WithStep(1, s => s with { Department = "水务局" }) },
        { "steps[3].poi", WithStep(3, s => s with { Poi = Poi }) },
        { "steps[2].streets", WithStep(2, s => s with { Streets = [] }) },
        { "steps[0].quantity", WithStep(0, s => s with { Quantity = 1 }) },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void Each_rule_refuses_naming_the_field(string field, PlanDefinition plan)
    {
        var errors = Check(plan);
        Assert.Contains(errors, e => e.Field == field);
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Fact]
    public void All_errors_are_reported_at_once()
    {
        var plan = Good with { Name = "", Levels = [9], Steps = [Notify with { WithinMinutes = 0, Department = null }] };
        var fields = Check(plan).Select(e => e.Field).ToHashSet();
        Assert.Equal(new HashSet<string> { "name", "levels[0]", "steps[0].withinMinutes", "steps[0].department" }, fields);
    }

    [Fact]
    public void The_bounds_themselves_are_accepted()
    {
        var plan = Good with
        {
            Id = new string('a', 64), Name = new string('预', 200), Levels = [1, 2, 3, 4],
            Steps = Enumerable.Range(1, 50).Select(i => Notify with { Id = $"s{i}", WithinMinutes = i == 1 ? 1 : 10080 }).ToList(),
        };
        Assert.Empty(Check(plan));
        Assert.Empty(Check(WithStep(1, s => s with { Count = 50 })));
        Assert.Empty(Check(WithStep(5, s => s with { Item = new string('a', 32), Quantity = 1_000_000 })));
    }
}
