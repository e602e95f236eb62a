namespace CommandCenter.Audit;

/// <summary>The action and outcome codes the trail stores (facts); the page renders them as words (AuditAction_*, AuditOutcome_*).</summary>
public static class AuditCodes
{
    public static readonly string[] Actions =
    [
        "sign_in", "sign_out", "acknowledge_alarm", "open_incident", "update_incident", "link_incident", "incident_note", "close_incident",
        "dispatch", "order_state", "blow_whistle", "report_in", "case_state", "save_user", "unlock_user", "delete_user", "issue_api_key",
        "revoke_api_keys", "save_plan", "retire_plan", "import_geography", "discard_geography_import", "api_request",
    ];

    public static readonly string[] Outcomes = ["ok", "duplicate", "conflict", "unknown", "failed", "forbidden", "refused", "none", "wrong", "locked", "lockedout"];
}
