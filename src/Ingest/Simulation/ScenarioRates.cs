namespace CommandCenter.Simulation;

/// <summary>
/// Splits <see cref="SimulatorOptions.EventsPerSecond"/> into the rates of the three processes so that, in the
/// steady state, ≈70% of events are check-ins, 12% alarm events and 17% case events (drills come on top).
/// Check-in frequency scales with the rate; alarm and case durations stay realistic and only their arrival
/// rates scale.
/// </summary>
internal sealed record ScenarioRates(double CheckInsPerSecond, double AlarmsPerSecond, double CasesPerSecond)
{
    public const double CheckInShare = 0.70, AlarmShare = 0.12, CaseShare = 0.17;

    public static ScenarioRates From(SimulatorOptions o) => new(
        o.EventsPerSecond * CheckInShare,
        o.EventsPerSecond * AlarmShare / EventsPerAlarm(o.UnacknowledgedShare),
        o.EventsPerSecond * CaseShare / CaseFlow.ExpectedEventsPerCase);

    /// <summary>raised + cleared, and acknowledged unless nobody acknowledges it.</summary>
    public static double EventsPerAlarm(double unacknowledgedShare) => 3 - unacknowledgedShare;
}
