namespace CommandCenter.Accounts;

/// <summary>
/// Who may do what: duty officer (值班员: watch, acknowledge alarms), coordinator (应急调度员: everything in
/// the console), leader (领导: all views and replay, no dispatch), admin (管理员: users, API keys, geography, and the
/// coordinator's console rights — an admin in a command centre is a senior officer who may have to act; see
/// docs/decisions.md "Admins have the coordinator's console rights").
/// </summary>
public static class Roles
{
    public const string Duty = "duty", Coordinator = "coordinator", Leader = "leader", Admin = "admin";
    public static readonly string[] All = [Duty, Coordinator, Leader, Admin];

    /// <summary>Who opens the console page and reads its data; who acknowledges; who dispatches; who reads the audit trail.</summary>
    public static readonly string[] ConsoleRoles = [Duty, Coordinator, Leader, Admin], AcknowledgeRoles = [Duty, Coordinator, Admin],
        DispatchRoles = [Coordinator, Admin], ReviewRoles = [Leader, Admin, Coordinator];

    /// <summary>Policy names used on endpoints and pages.</summary>
    public const string CanAcknowledge = "can-acknowledge", CanDispatch = "can-dispatch", CanViewConsole = "can-view-console", CanReview = "can-review", CanAdminister = "can-administer";

    public static bool IsKnown(string role) => All.Contains(role);
}
