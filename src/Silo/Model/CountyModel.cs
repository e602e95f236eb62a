using CommandCenter.Command;
using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Supplies;

namespace CommandCenter.Model;

/// <summary>
/// Every grain of the county and the routing between them: the deterministic core the live silo and
/// replay both run. Feed it events in Seq order (<see cref="Apply"/>) and the time (<see cref="Tick"/>);
/// grids are activated on first use and push deltas up grid → community → street → county.
/// Not thread-safe: its owner feeds it one message at a time.
/// </summary>
public sealed partial class CountyModel
{
    private readonly CountyMap _map;
    private readonly GrainOptions _options;
    private readonly Dictionary<string, GridState> _grids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AreaTotals> _parents = new(StringComparer.Ordinal);
    private EntityLocator _locator = new();
    private readonly HashSet<string> _changedGrids = new(StringComparer.Ordinal);

    public CountyModel(CountyMap map, GrainOptions options, TimeSpan? dedupeWindow = null)
    {
        _map = map;
        _options = options;
        Dedupe = new DedupeIndex(dedupeWindow ?? TimeSpan.FromHours(48));
        County = new CountyState(map.County.Code, map.Grids.Count);
        Supplies = new CountySupplies(map);
        foreach (var s in map.Streets) _parents[s.Code] = new StreetTotals(s.Code, GridsUnder(s.Code));
        foreach (var c in map.Communities) _parents[c.Code] = new CommunityTotals(c.Code, map.ChildrenOf(c.Code).Count);
    }

    public CountyMap Map => _map;
    public CountyState County { get; }
    /// <summary>Incidents, dispatch orders, whistles (the coordinators' board).</summary>
    public CommandBoard Board { get; private set; } = new();
    /// <summary>The depots' stocks and supply orders (应急物资).</summary>
    public CountySupplies Supplies { get; private set; }
    public DedupeIndex Dedupe { get; }
    /// <summary>
    /// Folding a log the Orleans grains wrote: a stored link is a fact. The board grain checked the alarm or case was open
    /// when it accepted the link; the raise and the link were stamped by two grains' clocks, so the log need not put them in
    /// that order.
    /// </summary>
    public bool FoldsStoredEvents { get; set; }
    /// <summary>The Seq of the last event applied (0 when none).</summary>
    public long LastSeq { get; private set; }
    public DateTimeOffset? Now { get; private set; }

    public IReadOnlyCollection<GridState> ActiveGrids => _grids.Values;
    public GridState? FindGrid(string code) => _grids.GetValueOrDefault(code);
    public AreaTotals? FindAggregate(string code) => code == County.Code ? County : _parents.GetValueOrDefault(code);
    public string? GridOfAlarm(string alarmId) => _locator.GridOfAlarm(alarmId);
    public string? GridOfCase(string caseId) => _locator.GridOfCase(caseId);
    /// <summary>Where a worker last checked in (real check-ins only).</summary>
    public WorkerPresence? FindWorker(string workerId) =>
        _locator.GridOfWorker(workerId) is { } g ? FindGrid(g)?.FindWorker(workerId) : null;

    /// <summary>
    /// Applies one statically valid event whose Seq is set and greater than every earlier one.
    /// An event without a grid (an acknowledgement or a case move) is routed to the grid that holds its alarm or case.
    /// </summary>
    public ApplyOutcome Apply(CountyEvent e)
    {
        // grains stamp Seq with their own clocks, so two grids' events may share one; the log never goes back in time
        if (e.Seq < LastSeq) throw new InvalidOperationException($"event {e.Id} has seq {e.Seq} < last applied {LastSeq}");
        var key = DedupeIndex.KeyOf(e.Source, e.Id);
        if (Dedupe.Contains(key)) return ApplyOutcome.Duplicate;
        var outcome = e.Type is EventType.DrillStarted or EventType.DrillEnded ? ApplyToCounty(e)
            : CommandBoard.Handles(e.Type) ? ApplyToBoard(e)
            : DepotStock.Handles(e.Type) ? ApplyToDepot(e)
            : ApplyToGrid(e);
        if (outcome.Status == Ingest.IngestStatus.Accepted)
        {
            LastSeq = e.Seq;
            Dedupe.Add(key, e.Seq);
        }
        return outcome;
    }

    private ApplyOutcome ApplyToCounty(CountyEvent e)
    {
        var refusal = County.Apply(e);
        return refusal is null ? ApplyOutcome.Accepted(_map.County.Code) : ApplyOutcome.Refused(refusal);
    }

    private ApplyOutcome ApplyToBoard(CountyEvent e)
    {
        var refusal = Board.Apply(e, key => FoldsStoredEvents || (key.StartsWith("alarm:") ? GridOfAlarm(key[6..]) is not null : GridOfCase(key[5..]) is not null));
        return refusal is null ? ApplyOutcome.Accepted(string.IsNullOrEmpty(e.GridCode) ? _map.County.Code : e.GridCode) : ApplyOutcome.Refused(refusal);
    }

    /// <summary>A depot's stock or supply order; the board learns of supply orders for its incidents' timelines.</summary>
    private ApplyOutcome ApplyToDepot(CountyEvent e)
    {
        if (Supplies.Apply(e) is { } refusal) return ApplyOutcome.Refused(refusal);
        if (e.Type == EventType.SupplyOrderChanged) Board.Observe(e);
        return ApplyOutcome.Accepted(string.IsNullOrEmpty(e.GridCode) ? _map.County.Code : e.GridCode);
    }

    private ApplyOutcome ApplyToGrid(CountyEvent e)
    {
        var routed = _locator.Route(e);
        if (routed.Refusal is not null) return ApplyOutcome.Refused(routed.Refusal);
        var code = routed.GridCode!;
        if (_map.Find(code) is not { Level: AreaLevel.Grid })
            return ApplyOutcome.Refused("unknown_grid", $"grid {code} is not in the county");
        var grid = Activate(code);
        var refusal = grid.Apply(e);
        if (refusal is not null) return ApplyOutcome.Refused(refusal);
        if (e.Type == EventType.PatrolCheckIn && !e.IsDrill) MoveWorker(e, grid);
        else _locator.Accepted(e, code);
        Refresh(grid, AcceptTime(e));
        if (e.Type is EventType.AlarmAcknowledged or EventType.AlarmCleared or EventType.CaseChanged) Board.Observe(e);
        return ApplyOutcome.Accepted(code);
    }

    /// <summary>A real check-in in <paramref name="grid"/>: the worker counts where their latest check-in is (<see cref="WorkerMove"/>).</summary>
    private void MoveWorker(CountyEvent e, GridState grid)
    {
        var worker = e.WorkerId!;
        var heldGrid = _locator.GridOfWorker(worker);
        if (heldGrid is null || heldGrid == grid.Code || _grids.GetValueOrDefault(heldGrid) is not { } held ||
            held.FindWorker(worker) is not { } presence)
        {
            _locator.Accepted(e, grid.Code);
            return;
        }
        if (WorkerMove.NewerWins(e.OccurredAt, grid.Code, presence.CheckedInAt, heldGrid))
        {
            _locator.Accepted(e, grid.Code);
            held.WorkerLeft(worker, presence.CheckedInAt);
            Refresh(held, AcceptTime(e));
        }
        else grid.WorkerLeft(worker, e.OccurredAt); // an older check-in arriving late: patrolled here, but present there
    }

    /// <summary>Tells every active grid the time: escalations, overdue cases, coverage and duty windows move on.</summary>
    public void Tick(DateTimeOffset now)
    {
        foreach (var grid in _grids.Values)
            if (grid.HasTimers) Refresh(grid, now);
        Now = now;
    }

    /// <summary>Grids whose figures or level changed since the last call (for the live feed).</summary>
    public IReadOnlyCollection<string> TakeChangedGrids()
    {
        var changed = _changedGrids.ToArray();
        _changedGrids.Clear();
        return changed;
    }

    private GridState Activate(string code)
    {
        if (!_grids.TryGetValue(code, out var grid)) Adopt(grid = new GridState(code, _options));
        return grid;
    }

    /// <summary>Makes <paramref name="grid"/> one of this model's grids, linked to this model's community and street above it.</summary>
    private void Adopt(GridState grid)
    {
        grid.Community = _parents[_map.CommunityOf(grid.Code).Code];
        grid.Street = _parents[_map.StreetOf(grid.Code).Code];
        _grids[grid.Code] = grid;
    }

    private void Refresh(GridState grid, DateTimeOffset now)
    {
        // Every change of level or of the oldest unacknowledged alarm also changes a figure,
        // so an unchanged vector means nothing to push.
        var delta = grid.Refresh(now);
        if (delta is not null) PushUp(grid, delta);
    }

    /// <summary>A grid's figures changed by <paramref name="delta"/>: its community, street and the county take it in.</summary>
    private void PushUp(GridState grid, Figures delta)
    {
        _changedGrids.Add(grid.Code);
        var community = grid.Community!;
        community.Receive(grid.Code, delta, grid.OldestUnackedAt);
        var street = grid.Street!;
        street.Receive(community.Code, delta, community.OldestUnackedAt);
        County.Receive(street.Code, delta, street.OldestUnackedAt);
    }

    private static DateTimeOffset AcceptTime(CountyEvent e) => e.AcceptedAt;

    private int GridsUnder(string streetCode) => _map.ChildrenOf(streetCode).Sum(c => _map.ChildrenOf(c.Code).Count);
}
