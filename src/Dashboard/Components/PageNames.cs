namespace CommandCenter.Components;

/// <summary>The screens the shared header links to, in the order a duty officer reads them, with their title keys.</summary>
public static class PageNames
{
    public static readonly (string Path, Type Page)[] Pages =
    [
        ("wall", typeof(Wall.WallPage)),
        ("dispatch", typeof(Dispatch.DispatchPage)),
        ("replay", typeof(Replay.ReplayPage)),
        ("audit", typeof(Audit.AuditPage)),
        ("admin", typeof(Admin.AdminPage)),
        ("admin/plans", typeof(Plans.PlansPage)),
    ];

    public static string TitleKey(string page) => page switch
    {
        "wall" => "WallTitle",
        "dispatch" => "DispatchTitle",
        "replay" => "ReplayTitle",
        "audit" => "AuditTitle",
        "admin" => "AdminTitle",
        "admin/plans" => "PlansTitle",
        "denied" => "NoAccessTitle",
        _ => "Title",
    };
}
