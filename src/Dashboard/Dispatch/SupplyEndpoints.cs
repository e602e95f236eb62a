using CommandCenter.Accounts;
using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Hosting;
using CommandCenter.Live;
using CommandCenter.Supplies;

namespace CommandCenter.Dispatch;

/// <summary>
/// 应急物资 on the console. Reading (every console role): the county's stock and depots (<c>GET …/supplies</c>), the depots
/// nearest an incident or a place that have enough of an item (<c>GET …/depots</c>). Acting (coordinators, admins): order
/// supplies for an incident from one depot, move a supply order (en_route, done, cancelled), record a count, restock,
/// minimum or return at a depot. Each action is an event through the pipeline; the depot's grain decides (a refusal is a
/// 409 with its code and what is left: <c>insufficient_stock</c> {item, available}).
/// </summary>
public static class SupplyEndpoints
{
    public sealed record SupplyOrderRequest(string? RequestId, string DepotId, string Item, int Quantity);
    public sealed record StockRequest(string? RequestId, string Item, string Change, int Quantity, string? OrderId, string? Note);

    public static void MapSupplies(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/console").AddEndpointFilterFactory(RequestChecks.Factory);
        api.MapGet("/supplies", (ILiveCounty silo, CountyMap map, CancellationToken ct) =>
            silo.ReadAsync(m => SupplyView.Of(m, map), ct)).RequireAuthorization(Roles.CanViewConsole);
        api.MapGet("/depots", async (string? incident, double? lon, double? lat, string? item, int? quantity, int? take, ILiveCounty silo, CountyMap map,
            ConsoleText text, CancellationToken ct) =>
        {
            if (lon is { } x && (!double.IsFinite(x) || x is < -180 or > 180)) return text.Invalid("lon", "invalid_number", "lon must be a longitude (−180…180)");
            if (lat is { } y && (!double.IsFinite(y) || y is < -90 or > 90)) return text.Invalid("lat", "invalid_number", "lat must be a latitude (−90…90)");
            if (item is not null && !SupplyItems.IsKnown(item)) return text.Invalid("item", "unknown_item", $"item must be one of {string.Join(", ", SupplyItems.All)}");
            if (quantity is < 1 or > SupplyItems.MaxQuantity) return text.Invalid("quantity", "invalid_number", $"quantity: 1–{SupplyItems.MaxQuantity}");
            var result = await silo.ReadAsync(m =>
            {
                GeoPoint? at = lon is { } px && lat is { } py ? new GeoPoint(px, py)
                    : incident is not null && m.Board.Find(incident)?.GridCode is { Length: > 0 } g && map.Find(g) is { } area ? area.LabelPoint : null;
                return at is null ? null : SupplyView.Nearest(m, map, at.Value, item, quantity ?? 1, Math.Clamp(take ?? 10, 1, 100));
            }, ct);
            return result is null ? text.Invalid(lon is null ? "lon" : "incident", "no_location", "give lon/lat or an incident with a location") : Results.Ok(result);
        }).RequireAuthorization(Roles.CanViewConsole);

        var coord = api.MapGroup("").RequireAuthorization(Roles.CanDispatch).AddEndpointFilter<CsrfFilter>();
        coord.MapPost("/incidents/{id}/supplies", async (string id, SupplyOrderRequest body, HttpContext http, ConsoleAction action, ILiveCounty silo,
            CountyMap map, ConsoleText text) =>
        {
            if (Depot(map, body.DepotId) is not { } depot) return text.Invalid("depotId", "unknown_depot", $"unknown depot {body.DepotId}");
            if (!SupplyItems.IsKnown(body.Item)) return text.Invalid("item", "unknown_item", $"item must be one of {string.Join(", ", SupplyItems.All)}");
            if (body.Quantity is < 1 or > SupplyItems.MaxQuantity) return text.Invalid("quantity", "invalid_number", $"quantity: 1–{SupplyItems.MaxQuantity}");
            if (ConsoleAction.RequestId(body.RequestId) is not { } rid) return action.BadRequestId();
            // the depot does not know incidents: only an open one may order (a retry of a stored order is answered by the depot)
            if (!await silo.ReadAsync(m => m.Board.Open.Any(i => i.Id == id), http.RequestAborted))
                return Results.Json(new { status = "unknown", target = id, code = "unknown_incident", error = text.Render("unknown_incident",
                    new Dictionary<string, string> { ["id"] = id }, $"incident {id} is not open") }, statusCode: 404);
            var orderId = $"SUP-{rid}";
            return await action.RunAsync(http, "order_supplies", id, rid, [action.New(http, rid, 0, EventType.SupplyOrderChanged) with
            {
                OrderId = orderId, IncidentId = id, DepotId = depot.Id, Item = body.Item, Quantity = body.Quantity, OrderState = OrderState.Ordered,
                GridCode = depot.GridCode,
            }], new { orderId });
        });
        coord.MapPost("/supplies/{orderId}/state", async (string orderId, ConsoleEndpoints.StateRequest body, HttpContext http, ConsoleAction action,
            ILiveCounty silo, CountyMap map, ConsoleText text) =>
        {
            if (!WireNames.TryParse<OrderState>(body.State, out var to) || to == OrderState.Ordered || !SupplyOrderTransitions.IsSupplyState(to))
                return text.Invalid("state", "unknown_state", $"unknown supply order state '{body.State}' (en_route, done, cancelled)");
            if (await silo.ReadAsync(m => m.Supplies.FindOrder(orderId), http.RequestAborted) is not { } o)
                return Results.Json(new { status = "unknown", target = orderId, code = "unknown_order", error = text.Render("unknown_order",
                    new Dictionary<string, string> { ["id"] = orderId }, $"supply order {orderId} is not known") }, statusCode: 404);
            return await action.RunOneAsync(http, body.RequestId, "supply_order_state", orderId, EventType.SupplyOrderChanged, e => e with
            {
                OrderId = o.Id, IncidentId = o.IncidentId, DepotId = o.DepotId, Item = o.Item, Quantity = o.Quantity, OrderState = to,
                GridCode = Depot(map, o.DepotId)?.GridCode ?? "",
            });
        });
        coord.MapPost("/depots/{depotId}/stock", (string depotId, StockRequest body, HttpContext http, ConsoleAction action, CountyMap map, ConsoleText text) =>
        {
            if (Depot(map, depotId) is not { } depot) return Task.FromResult(text.Invalid("depotId", "unknown_depot", $"unknown depot {depotId}"));
            if (!SupplyItems.IsKnown(body.Item)) return Task.FromResult(text.Invalid("item", "unknown_item", $"item must be one of {string.Join(", ", SupplyItems.All)}"));
            if (!StockChanges.IsKnown(body.Change)) return Task.FromResult(text.Invalid("change", "unknown_change", $"change must be one of {string.Join(", ", StockChanges.All)}"));
            var min = body.Change is StockChanges.Restocked or StockChanges.Returned ? 1 : 0;
            if (body.Quantity < min || body.Quantity > SupplyItems.MaxQuantity)
                return Task.FromResult(text.Invalid("quantity", "invalid_number", $"quantity: {min}–{SupplyItems.MaxQuantity}"));
            if (body.Change == StockChanges.Returned && string.IsNullOrWhiteSpace(body.OrderId))
                return Task.FromResult(text.Invalid("orderId", "required", "orderId is required for a return"));
            if (body.Note?.Length > ConsoleEndpoints.NoteMax) return Task.FromResult(text.Invalid("note", "too_long", $"note: at most {ConsoleEndpoints.NoteMax} characters", ConsoleEndpoints.NoteMax));
            return action.RunOneAsync(http, body.RequestId, "stock_" + body.Change, depot.Id, EventType.StockChanged, e => e with
            {
                DepotId = depot.Id, Item = body.Item, Quantity = body.Quantity, StockChange = body.Change, GridCode = depot.GridCode,
                OrderId = body.Change == StockChanges.Returned ? body.OrderId!.Trim() : null, Note = string.IsNullOrWhiteSpace(body.Note) ? null : body.Note.Trim(),
            });
        });
    }

    private static Poi? Depot(CountyMap map, string? id) => map.Pois.FirstOrDefault(p => p.Id == id && p.Kind == PoiKind.SupplyDepot);
}
