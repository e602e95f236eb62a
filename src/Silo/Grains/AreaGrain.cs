using CommandCenter.Geography;
using CommandCenter.Model;
using Orleans.Concurrency;

namespace CommandCenter.Grains;

/// <summary>
/// A parent area grain: a shell over <see cref="AreaTotals"/> (pure sums). Children report whole figure vectors; the grain
/// turns each newer report into the delta since that child's last one, so a report repeated or overtaken changes nothing.
/// On activation it asks every child for its figures (activating them), so a parent that restarted is whole again.
/// A change is reported up once the reports already queued behind it are taken (a one-way note to itself): under load a
/// street hears from a community once per burst, not once per grid report.
/// </summary>
public abstract class AreaGrain(CountyMap map, TimeProvider time, GrainRefs refs) : Grain, IAreaGrain
{
    private readonly Dictionary<string, (long Version, Figures Figures)> _children = new(StringComparer.Ordinal);
    private AreaTotals _totals = null!;
    private long _version;
    private bool _pending; // a change not yet reported up; a ReportPending note to self is queued

    protected CountyMap Map => map;
    protected GrainRefs Refs => refs;
    protected string Code => this.GetPrimaryKeyString();

    protected abstract AreaTotals CreateTotals();
    protected abstract Task<AreaReport> ChildReport(string code);
    protected abstract IAreaGrain? ParentGrain();
    /// <summary>The children's codes (grids of a community, communities of a street, streets of the county).</summary>
    protected IReadOnlyList<Area> Children => map.ChildrenOf(Code);

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        _totals = CreateTotals();
        _version = time.GetUtcNow().UtcTicks * 100;
        var reports = await Task.WhenAll(Children.Select(c => ChildReport(c.Code)));
        foreach (var r in reports) Take(r);
        ReportUp();
    }

    public Task Receive(AreaReport report)
    {
        if (Take(report) && !_pending)
        {
            _pending = true;
            _ = this.AsReference<IAreaGrain>().ReportPending();
        }
        return Task.CompletedTask;
    }

    public Task ReportPending()
    {
        if (_pending)
        {
            _pending = false;
            ReportUp();
        }
        return Task.CompletedTask;
    }

    private bool Take(AreaReport r)
    {
        var figures = Figures.FromArray(r.Figures);
        var had = _children.TryGetValue(r.Code, out var before);
        if (had && r.Version <= before.Version) return false;
        var delta = new Figures();
        if (had) delta.SetDifference(figures, before.Figures);
        else delta.Add(figures);
        var oldestBefore = _totals.OldestUnackedAt;
        var sumsBefore = _totals.Figures.Copy();
        _totals.Receive(r.Code, delta, r.OldestUnackedAt);
        _children[r.Code] = (r.Version, figures);
        return !sumsBefore.Equals(_totals.Figures) || oldestBefore != _totals.OldestUnackedAt;
    }

    public Task<AreaReport> Report() => Task.FromResult(Current());

    public Task<Immutable<AreaSnapshot>> Totals() => Task.FromResult(_totals.ToState().AsImmutable());

    private AreaReport Current() => new(Code, _totals.Figures.ToArray(), _totals.OldestUnackedAt, _version);

    private void ReportUp()
    {
        _version++;
        if (ParentGrain() is { } parent) _ = parent.Receive(Current());
    }
}

/// <summary>社区/村 grain: the sum of its grids.</summary>
public sealed class CommunityGrain(CountyMap map, TimeProvider time, GrainRefs refs) : AreaGrain(map, time, refs), ICommunityGrain
{
    protected override AreaTotals CreateTotals() => new CommunityTotals(Code, Children.Count);
    protected override Task<AreaReport> ChildReport(string code) => Refs.Grid(code).Report();
    protected override IAreaGrain? ParentGrain() => Refs.Street(Map.StreetOf(Code).Code);
}

/// <summary>街道/乡镇 grain: the sum of its communities.</summary>
public sealed class StreetGrain(CountyMap map, TimeProvider time, GrainRefs refs) : AreaGrain(map, time, refs), IStreetGrain
{
    protected override AreaTotals CreateTotals() => new StreetTotals(Code, Children.Sum(c => Map.ChildrenOf(c.Code).Count));
    protected override Task<AreaReport> ChildReport(string code) => Refs.Community(code).Report();
    protected override IAreaGrain? ParentGrain() => Refs.County(Map.County.Code);
}
