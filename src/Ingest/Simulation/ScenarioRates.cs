namespace CommandCenter.Simulation;

/// <summary>
/// Splits <see cref="SimulatorOptions.EventsPerSecond"/> into the rates of the three processes so that, in the
/// steady state the configured shares hold (default ≈70% check-ins, 12% alarm events, 17% case events; drills on top).
/// Check-in frequency scales with the rate; alarm and case durations stay realistic and only their arrival
/// rates scale.
/// </summary>
internal sealed record ScenarioRates(double CheckInsPerSecond, double AlarmsPerSecond, double CasesPerSecond)
{
    public static ScenarioRates From(SimulatorOptions o) => new(
        o.EventsPerSecond * (1 - o.AlarmShare - o.CaseShare),
        o.EventsPerSecond * o.AlarmShare / EventsPerAlarm(o.UnacknowledgedShare),
        o.EventsPerSecond * o.CaseShare / CaseFlow.ExpectedEventsPerCase);

    /// <summary>raised + cleared, and acknowledged unless nobody acknowledges it.</summary>
    public static double EventsPerAlarm(double unacknowledgedShare) => 3 - unacknowledgedShare;
}
