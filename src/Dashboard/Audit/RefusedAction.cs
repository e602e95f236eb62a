namespace CommandCenter.Audit;

/// <summary>
/// The audit action a refused API call would have been, from its route (so a refusal reads "acknowledge alarm
/// a-17 · forbidden", like the allowed one); a call with no action of its own (a GET) is <c>api_request</c>.
/// </summary>
public static class RefusedAction
{
    private static readonly Dictionary<string, string> Actions = new()
    {
        ["POST /api/v1/console/alarms/{alarmId}/acknowledge"] = "acknowledge_alarm",
        ["POST /api/v1/console/incidents"] = "open_incident",
        ["POST /api/v1/console/incidents/{id}/update"] = "update_incident",
        ["POST /api/v1/console/incidents/{id}/link"] = "link_incident",
        ["POST /api/v1/console/incidents/{id}/note"] = "incident_note",
        ["POST /api/v1/console/incidents/{id}/close"] = "close_incident",
        ["POST /api/v1/console/incidents/{id}/orders"] = "dispatch",
        ["POST /api/v1/console/orders/{orderId}/state"] = "order_state",
        ["POST /api/v1/console/whistles"] = "blow_whistle",
        ["POST /api/v1/console/whistles/{id}/report-in"] = "report_in",
        ["POST /api/v1/console/cases/{caseId}/state"] = "case_state",
        ["POST /api/v1/admin/users"] = "save_user",
        ["POST /api/v1/admin/users/{userName}/unlock"] = "unlock_user",
        ["DELETE /api/v1/admin/users/{userName}"] = "delete_user",
        ["POST /api/v1/admin/api-keys"] = "issue_api_key",
        ["DELETE /api/v1/admin/api-keys/{source}"] = "revoke_api_keys",
        ["POST /api/v1/admin/geography"] = "import_geography",
        ["DELETE /api/v1/admin/geography/import"] = "discard_geography_import",
    };

    public static (string Action, string? Target) Of(HttpContext http)
    {
        var pattern = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern;
        var key = $"{http.Request.Method} {pattern?.RawText?.TrimEnd('/')}";
        if (!Actions.TryGetValue(key, out var action)) return ("api_request", $"{http.Request.Method} {http.Request.Path}");
        var target = pattern!.Parameters.Select(p => http.GetRouteValue(p.Name)?.ToString()).FirstOrDefault(v => v is not null);
        return (action, target);
    }
}
