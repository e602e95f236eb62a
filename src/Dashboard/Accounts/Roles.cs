namespace CommandCenter.Accounts;

/// <summary>
/// Who may do what: duty officer (值班员: watch, acknowledge alarms), coordinator (应急调度员: everything in
/// the console), leader (领导: all views and replay, no dispatch), admin (管理员: users, API keys, geography).
/// </summary>
public static class Roles
{
    public const string Duty = "duty", Coordinator = "coordinator", Leader = "leader", Admin = "admin";
    public static readonly string[] All = [Duty, Coordinator, Leader, Admin];

    /// <summary>Policy names used on endpoints and pages.</summary>
    public const string CanAcknowledge = "can-acknowledge", CanDispatch = "can-dispatch", CanViewConsole = "can-view-console", CanReview = "can-review", CanAdminister = "can-administer";

    public static bool IsKnown(string role) => All.Contains(role);
}
