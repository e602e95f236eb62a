namespace CommandCenter.Events;

/// <summary>
/// What an outside system may send to <c>POST /api/v1/events</c> with its API key: check-ins, alarms
/// (raised, acknowledged, cleared), case changes, drills, sensor readings and depot stock changes (a warehouse system's counts and restocks). Everything else (incidents, orders, whistles,
/// report-ins, notes) is a console action: only a signed-in user may do it, through the console API, with the
/// actor taken from the sign-in. A new kind an outside system sends must be added here deliberately.
/// </summary>
public static class OutsideEventTypes
{
    public static bool IsAllowed(EventType type) => type is EventType.PatrolCheckIn or EventType.AlarmRaised or EventType.AlarmAcknowledged
        or EventType.AlarmCleared or EventType.CaseChanged or EventType.DrillStarted or EventType.DrillEnded or EventType.SensorReading
        or EventType.StockChanged;

    /// <summary>The allowed wire names, for the refusal text and the documentation.</summary>
    public static readonly string[] WireNames = Enum.GetValues<EventType>().Where(IsAllowed).Select(t => t.ToWire()).ToArray();
}
