namespace CommandCenter.Events;

/// <summary>
/// One accepted live event, as the grains see it and the event log stores it.
/// Id is the sender's idempotency key (unique per Source). GridCode is always resolved.
/// Seq is the server's accept timestamp in Unix nanoseconds: unique and increasing, so it is both the
/// stored InfluxDB timestamp and the order in which grains apply events (live and in replay).
/// Type-specific fields are null where they do not apply.
/// </summary>
public sealed record CountyEvent
{
    public required string Id { get; init; }
    public required EventType Type { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Source { get; init; }
    public required string GridCode { get; init; }
    public long Seq { get => _seq; init => _seq = value; }
    private long _seq;
    public double? Lon { get; init; }
    public double? Lat { get; init; }
    /// <summary>Drill id: set on drill_started/ended and on every event produced during a drill (演练).</summary>
    public string? DrillId { get; init; }

    public string? WorkerId { get; init; }     // patrol_checkin (网格员)
    public string? AlarmId { get; init; }      // alarm_*
    public int? Severity { get; init; }        // alarm_raised: 1–4
    public string? AlarmKind { get; init; }    // alarm_raised: smoke, gas, water_level, manhole, hydrant, video, hotline, police_110, worker
    public string? CaseId { get; init; }       // case_changed
    public CaseState? CaseState { get; init; } // case_changed: the state the case moves to
    public string? Category { get; init; }     // case_changed (reported): the case category, which sets its deadline
    public string? Actor { get; init; }        // who did it (duty officer, department), when known
    public string? Note { get; init; }         // free text
    public string? DrillName { get; init; }    // drill_started: scenario name
    public IReadOnlyList<string>? DrillStreets { get; init; } // drill_started: street codes in scope

    public string? IncidentId { get; init; }   // incident_*, order_changed, whistle_blown (optional)
    public string? Title { get; init; }        // incident_opened
    public string? Commander { get; init; }    // incident_opened: 指挥长
    public IReadOnlyList<string>? Streets { get; init; } // incident_opened: scope
    public string? OrderId { get; init; }      // order_changed, supply_order_changed, stock_changed (returned)
    public string? UnitId { get; init; }       // order_changed: the unit sent (a station, a worker, a depot)
    public string? UnitKind { get; init; }     // order_changed: police, fire, medical, urban, market, sanitation, worker, depot
    public OrderState? OrderState { get; init; } // order_changed, supply_order_changed
    public DateTimeOffset? DeadlineAt { get; init; } // order_changed (ordered), whistle_blown
    public string? WhistleId { get; init; }    // whistle_blown, report_in
    public string? Department { get; init; }   // report_in
    public IReadOnlyList<string>? Departments { get; init; } // whistle_blown: 被召集部门
    public string? OpenOrders { get; init; }   // incident_closed: what was done with orders still open (OpenOrderChoice)
    public string? SensorId { get; init; }     // sensor_reading
    public string? SensorKind { get; init; }   // sensor_reading: water_level, rainfall, gas, hydrant_pressure
    public double? Value { get; init; }        // sensor_reading: the reading, in the kind's unit (m, mm/h, %LEL, MPa)
    public string? DepotId { get; init; }      // stock_changed, supply_order_changed: the depot (应急物资储备点, a POI id)
    public string? Item { get; init; }         // stock_changed, supply_order_changed: sandbags, pumps, tents … (SupplyItems)
    public int? Quantity { get; init; }        // stock_changed, supply_order_changed: how many, in the item's unit
    public string? StockChange { get; init; }  // stock_changed: counted (盘点), restocked (补充), minimum (最低储备), returned (归还)
    public string? PlanId { get; init; }       // plan_activated, plan_step_done: the response plan (预案)
    public int? PlanVersion { get; init; }     // plan_activated: the version activated (kept by the incident)
    public IReadOnlyList<Plans.PlanStep>? PlanSteps { get; init; } // plan_activated: that version's steps, so the log alone rebuilds the checklist
    public string? StepId { get; init; }       // plan_step_done

    public bool IsDrill => DrillId is not null;

    /// <summary>
    /// Stamps the accept Seq on an event that has none yet, in place: the silo's loop does this for every submitted
    /// event instead of copying it. False (nothing changed) when it already has one — a resubmitted instance,
    /// which then gets a copy with its own Seq.
    /// </summary>
    internal bool TryStampSeq(long seq)
    {
        if (_seq != 0) return false;
        _seq = seq;
        return true;
    }
    public DateTimeOffset AcceptedAt => DateTimeOffset.FromUnixTimeMilliseconds(Seq / 1_000_000).AddTicks(Seq % 1_000_000 / 100);
}
