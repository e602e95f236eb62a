using CommandCenter.Geography;
using CommandCenter.Plans;
using CommandCenter.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace CommandCenter.EndToEnd.Tests.Plans;

/// <summary>The file plan library: versions append, survive a restart, a stale save is refused, retire keeps history, seeded once.</summary>
public sealed class PlanLibraryTests : IDisposable
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now = new(2026, 7, 1, 8, 0, 0, TimeSpan.FromHours(8));
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly CountyMap Map = Wire.Map;
    private readonly string _folder = Directory.CreateTempSubdirectory("cc-plans-").FullName;
    private readonly Clock _clock = new();

    private FilePlanLibrary Open() => new(_folder, Map, _clock, NullLogger.Instance);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void An_empty_library_is_seeded_with_the_six_demo_plans_as_version_1_by_system()
    {
        var plans = Open().Current();
        Assert.Equal(["earthquake", "flood", "gas-leak", "hazmat", "high-rise-fire", "mass-gathering"], plans.Select(p => p.Id));
        Assert.All(plans, p =>
        {
            Assert.Equal(1, p.Version);
            Assert.Equal("system", p.SavedBy);
            Assert.Equal(_clock.Now, p.SavedAt);
            Assert.Empty(PlanValidator.Validate(p, Map));
            Assert.InRange(p.Steps.Count, 4, 9);
            Assert.All(p.Steps, s => Assert.InRange(s.WithinMinutes, 5, 120));
        });
        var flood = plans.Single(p => p.Id == "flood");
        Assert.Contains("water_level", flood.AlarmKinds);
        Assert.Equal([1, 2, 3], flood.Levels);
        Assert.Contains(flood.Steps, s => s.Action == PlanActions.Dispatch && s.UnitKind == "fire" && s.Count == 2);
        Assert.Contains(flood.Steps, s => s.Action == PlanActions.Supplies && s.Item == "sandbags" && s.Quantity == 2000);
        var shelter = flood.Steps.Single(s => s.Action == PlanActions.Shelter);
        Assert.Equal(PoiKind.ServiceCenter, Map.Pois.Single(p => p.Id == shelter.Poi).Kind);
        Assert.StartsWith("poi-service-", shelter.Poi);
    }

    [Fact]
    public void A_map_without_service_centers_gets_plans_without_shelter_steps()
    {
        var bare = new CountyMap(Map.County, Map.Streets, Map.Communities, Map.Grids, Map.Pois.Where(p => p.Kind != PoiKind.ServiceCenter).ToList());
        var plans = new FilePlanLibrary(_folder, bare, _clock, NullLogger.Instance).Current();
        Assert.Equal(6, plans.Count);
        Assert.DoesNotContain(plans.SelectMany(p => p.Steps), s => s.Action == PlanActions.Shelter);
    }

    [Fact]
    public async Task A_save_appends_the_next_version_and_a_restart_keeps_every_version()
    {
        var library = Open();
        var v1 = library.Find("flood")!;
        _clock.Now += TimeSpan.FromHours(1);
        var edited = v1 with { Steps = v1.Steps.Select(s => s.Id == "s1" ? s with { WithinMinutes = 8 } : s).ToList() };
        var saved = Assert.IsType<PlanSave.Saved>(await library.SaveAsync(edited, "admin1", expectedVersion: 1));
        Assert.Equal(2, saved.Plan.Version);
        Assert.Equal("admin1", saved.Plan.SavedBy);
        Assert.Equal(_clock.Now, saved.Plan.SavedAt);

        var reopened = Open(); // a restart
        Assert.Equal([1, 2], reopened.History("flood").Select(p => p.Version));
        Assert.Equal(10, reopened.Find("flood", 1)!.Steps[0].WithinMinutes); // version 1 as it was
        Assert.Equal(8, reopened.Find("flood")!.Steps[0].WithinMinutes);
        Assert.Equal(2, reopened.Current().Single(p => p.Id == "flood").Version);
        Assert.Null(reopened.Find("flood", 3));
    }

    [Fact]
    public async Task A_save_from_a_stale_version_is_refused_and_writes_nothing()
    {
        var library = Open();
        var v1 = library.Find("gas-leak")!;
        Assert.IsType<PlanSave.Saved>(await library.SaveAsync(v1 with { Name = "燃气泄漏应急预案（修订）" }, "admin1", 1));
        var stale = Assert.IsType<PlanSave.Stale>(await library.SaveAsync(v1 with { Name = "另一位管理员的修改" }, "admin2", 1));
        Assert.Equal(2, stale.CurrentVersion);
        Assert.Equal("燃气泄漏应急预案（修订）", Open().Find("gas-leak")!.Name);
        Assert.Equal(2, Open().History("gas-leak").Count);
    }

    [Fact]
    public async Task Concurrent_saves_of_one_plan_never_lose_a_version()
    {
        var library = Open();
        var v1 = library.Find("hazmat")!;
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => library.SaveAsync(v1 with { Name = $"危化品预案 {i}" }, $"admin{i}", 1))));
        var saved = Assert.Single(outcomes.OfType<PlanSave.Saved>());
        Assert.Equal(15, outcomes.OfType<PlanSave.Stale>().Count());
        Assert.Equal(saved.Plan.Name, Open().Find("hazmat")!.Name);

        // every writer that retries from what it was told gets its own version
        var retries = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            for (var expected = 2; ; )
                switch (await library.SaveAsync(v1 with { Name = $"重试 {i}" }, $"admin{i}", expected))
                {
                    case PlanSave.Saved s: return s.Plan.Version;
                    case PlanSave.Stale st: expected = st.CurrentVersion; break;
                    case var other: throw new InvalidOperationException(other.ToString());
                }
        })));
        Assert.Equal(Enumerable.Range(3, 8), retries.Order());
        Assert.Equal(Enumerable.Range(1, 10), Open().History("hazmat").Select(p => p.Version));
    }

    [Fact]
    public async Task An_invalid_plan_is_refused_naming_the_field_and_writes_nothing()
    {
        var library = Open();
        var v1 = library.Find("flood")!;
        var bad = v1 with { Steps = v1.Steps.Select(s => s.Action == PlanActions.Dispatch ? s with { Count = 0 } : s).ToList() };
        var invalid = Assert.IsType<PlanSave.Invalid>(await library.SaveAsync(bad, "admin1", 1));
        Assert.Contains(invalid.Errors, e => e.Field == "steps[3].count");
        Assert.Single(Open().History("flood"));
    }

    [Fact]
    public async Task A_retired_plan_keeps_its_history_is_no_longer_current_or_matched_and_can_be_saved_again()
    {
        var library = Open();
        Assert.Contains(library.Matching(["gas"], 3), p => p.Id == "gas-leak");
        var retired = Assert.IsType<PlanSave.Saved>(await library.RetireAsync("gas-leak", "admin1", 1));
        Assert.True(retired.Plan.Retired);
        Assert.Equal(2, retired.Plan.Version);

        var reopened = Open();
        Assert.DoesNotContain(reopened.Current(), p => p.Id == "gas-leak");
        Assert.DoesNotContain(reopened.Matching(["gas"], 3), p => p.Id == "gas-leak");
        Assert.Equal([false, true], reopened.History("gas-leak").Select(p => p.Retired));
        Assert.IsType<PlanSave.NotFound>(await reopened.RetireAsync("no-such-plan", "admin1"));
        Assert.IsType<PlanSave.Stale>(await reopened.RetireAsync("flood", "admin1", 7));

        var restored = Assert.IsType<PlanSave.Saved>(await reopened.SaveAsync(reopened.Find("gas-leak", 1)!, "admin1", 2));
        Assert.False(restored.Plan.Retired);
        Assert.Equal(3, restored.Plan.Version);
        Assert.Contains(reopened.Matching(["gas"], 3), p => p.Id == "gas-leak");
    }

    [Fact]
    public async Task The_library_is_seeded_once_not_again_after_an_admin_edits_or_retires_everything()
    {
        var library = Open();
        foreach (var plan in library.Current()) await library.RetireAsync(plan.Id, "admin1");
        Assert.Empty(Open().Current()); // not re-seeded: the retired plans are the library
        Assert.Equal(2, Open().History("flood").Count);
    }

    [Fact]
    public async Task Two_hosts_on_one_data_folder_see_each_others_saves()
    {
        var first = Open();
        var second = new FilePlanLibrary(_folder, Map, _clock, NullLogger.Instance, rescanEvery: TimeSpan.Zero);
        var later = new FilePlanLibrary(_folder, Map, _clock, NullLogger.Instance, rescanEvery: TimeSpan.FromHours(1));
        var v1 = first.Find("flood")!;
        Assert.IsType<PlanSave.Saved>(await first.SaveAsync(v1 with { Name = "防汛应急预案（第二版）" }, "admin1", 1));
        Assert.Equal("防汛应急预案（第二版）", second.Current().Single(p => p.Id == "flood").Name); // re-scanned on read
        Assert.Equal("防汛应急预案（第二版）", later.Find("flood", 2)!.Name); // a version asked for by number is read at once
        Assert.Equal(2, later.History("flood").Count);
        Assert.IsType<PlanSave.Stale>(await second.SaveAsync(v1, "admin2", 1)); // and a save from the old version is stale there too
        Assert.IsType<PlanSave.Saved>(await first.RetireAsync("gas-leak", "admin1", 1));
        Assert.DoesNotContain(second.Matching(["gas"], 3), p => p.Id == "gas-leak");
    }

    [Fact]
    public void Matching_takes_any_of_the_alarm_kinds_and_the_level()
    {
        var library = Open();
        Assert.Equal(["flood", "gas-leak"], library.Matching(["water_level", "gas"], 3).Select(p => p.Id));
        Assert.Equal(["flood", "gas-leak", "hazmat"], library.Matching(["water_level", "gas"], 2).Select(p => p.Id));
        Assert.Empty(library.Matching(["water_level"], 4));
        Assert.Empty(library.Matching(["manhole"], 1));
    }

    [Fact]
    public async Task A_file_that_is_not_a_plan_version_is_skipped_not_fatal()
    {
        Open();
        File.WriteAllText(Path.Combine(_folder, "flood", "v0002.json"), "{ not json");
        File.WriteAllText(Path.Combine(_folder, "flood", "v0009.json"), File.ReadAllText(Path.Combine(_folder, "gas-leak", "v0001.json")));
        var library = Open();
        Assert.Equal([1], library.History("flood").Select(p => p.Version));
        // the next save goes past the unreadable files' numbers instead of colliding with them
        var saved = Assert.IsType<PlanSave.Saved>(await library.SaveAsync(library.Find("flood")!, "admin1", 1));
        Assert.Equal(10, saved.Plan.Version);
    }
}
