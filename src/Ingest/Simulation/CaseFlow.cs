using CommandCenter.Events;

namespace CommandCenter.Simulation;

/// <summary>
/// The probabilities and durations of the case loop the scenario walks (a subset of <see cref="CaseTransitions"/>):
/// reported → accepted | rejected; accepted → dispatched; dispatched → in_progress | returned;
/// in_progress → handled; handled → verified | returned (核查不通过); verified → closed;
/// returned → dispatched (re-dispatch) | rejected. A typical case closes in about 45 minutes.
/// </summary>
internal static class CaseFlow
{
    public const double RejectAtIntake = 0.06;     // 不予立案
    public const double ReturnOnDispatch = 0.05;   // 非本部门职责，退回
    public const double FailVerification = 0.08;   // 核查不通过，退回
    public const double RejectAfterReturn = 0.15;  // 退回后不予立案

    /// <summary>Minutes (min, max) a case waits in a state before its next move (regular cases).</summary>
    public static (double Min, double Max) Wait(CaseState state) => state switch
    {
        CaseState.Reported => (1, 5),
        CaseState.Accepted => (1, 5),
        CaseState.Dispatched => (2, 10),
        CaseState.InProgress => (5, 40),
        CaseState.Handled => (2, 15),
        CaseState.Verified => (1, 5),
        CaseState.Returned => (2, 10),
        _ => (1, 5),
    };

    /// <summary>
    /// Expected number of case_changed events per case (returns allowed throughout), used to turn the case share
    /// of the event rate into an arrival rate. From dispatched: one cycle ends returned with probability pR;
    /// E_D = (E_cycle + pR) / (1 − pR·(1 − RejectAfterReturn)).
    /// </summary>
    public static double ExpectedEventsPerCase
    {
        get
        {
            const double eCycle = ReturnOnDispatch * 1 + (1 - ReturnOnDispatch) * (2 + FailVerification * 1 + (1 - FailVerification) * 2);
            const double pR = ReturnOnDispatch + (1 - ReturnOnDispatch) * FailVerification;
            const double eD = (eCycle + pR) / (1 - pR * (1 - RejectAfterReturn));
            return 1 + RejectAtIntake * 1 + (1 - RejectAtIntake) * (2 + eD);
        }
    }

    /// <summary>Who makes the move into <paramref name="state"/>.</summary>
    public static string ActorFor(CaseState state, string category, Random random) => state switch
    {
        CaseState.Accepted or CaseState.Rejected or CaseState.Closed => "指挥中心-" + SimNames.Person(random),
        CaseState.Dispatched => "调度员-" + SimNames.Person(random),
        CaseState.Verified => "网格员-" + SimNames.Person(random),
        _ => SimNames.DepartmentFor(category),
    };
}
