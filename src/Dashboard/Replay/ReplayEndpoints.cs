using System.Globalization;
using System.Text;
using CommandCenter.EventLog;
using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Live;
using CommandCenter.Storage;
using CommandCenter.Time;
using CommandCenter.Views;

namespace CommandCenter.Replay;

/// <summary>
/// The replay API: open a replay of a range, follow its loading, draw any moment (seek/play), the
/// timeline histogram, stepping between events, incidents to pick, the response report and its CSV.
/// </summary>
public static class ReplayEndpoints
{
    public static IEndpointRouteBuilder MapReplay(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/replay");
        api.MapPost("/", (ReplayRequest r, ReplaySessions sessions, TimeProvider time, ReplayInput input) =>
        {
            if (input.Instants(("from", r.From), ("to", r.To)) is { } bad) return bad;
            var to = r.To ?? time.GetUtcNow();
            var from = r.From ?? to.AddHours(-1);
            if (to <= from) return Results.Json(new { error = "'to' must be after 'from'" }, statusCode: 422);
            if (to - from > TimeSpan.FromDays(2)) return Results.Json(new { error = "a replay covers at most 2 days" }, statusCode: 422);
            var s = sessions.Start(from, to, r.Snapshots ?? true);
            return Results.Json(Status(s), statusCode: 202);
        }).DisableAntiforgery();
        api.MapGet("/{id}", (string id, ReplaySessions sessions) => With(sessions, id, s => Results.Ok(Status(s))));
        api.MapGet("/{id}/frame", async (string id, DateTimeOffset? at, bool? full, long? since, ReplaySessions sessions, ReplayInput input, CancellationToken ct) =>
            input.Instants(("at", at)) ?? (sessions.Find(id) is not { Status: "ready" } s ? NotReady(sessions, id) : Results.Ok(await s.FrameAsync(at ?? s.From, full ?? false, ct, since))));
        api.MapGet("/{id}/histogram", (string id, int? buckets, ReplaySessions sessions) => Ready(sessions, id, s => Results.Ok(Histogram(s, Math.Clamp(buckets ?? 240, 10, 2000)))));
        // next/previous event: from the event stepped to last (seq, exact) or else from a time (at); the answer's seq is a
        // string because a nanosecond Seq does not fit a JavaScript number
        api.MapGet("/{id}/step", (string id, DateTimeOffset? at, string? seq, string? dir, ReplaySessions sessions, ReplayInput input) =>
        {
            if (ReplayInput.OneOf("dir", dir ?? "", ReplayInput.Directions) is { } badDir) return badDir;
            long? after = null;
            if (seq is not null)
            {
                if (!long.TryParse(seq, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
                    return ReplayInput.Bad("seq", "'seq' must be an event's sequence number (digits, from a previous step)");
                after = n;
            }
            else if (at is null) return ReplayInput.Bad("at", "give 'at' (a time) or 'seq' (the event stepped to last)");
            else if (input.Instants(("at", at)) is { } badAt) return badAt;
            return Ready(sessions, id, s => s.Step(after, at, dir == "prev") is { } e
                ? Results.Ok(new { at = e.AcceptedAt, seq = e.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture), atMs = (e.Seq + 999_999) / 1_000_000, type = e.Type.ToWire() })
                : Results.NoContent());
        });
        api.MapGet("/{id}/events", (string id, DateTimeOffset at, int? around, ReplaySessions sessions, ReplayInput input) => input.Instants(("at", at)) ?? Ready(sessions, id, s =>
        {
            var n = Math.Clamp(around ?? 30, 1, 200);
            var i = s.IndexAfter(ReplaySession.Ns(at));
            var notCheckIn = s.Events.Where(e => e.Type != EventType.PatrolCheckIn);
            return Results.Ok(new
            {
                before = s.Events.Take(i).Where(e => e.Type != EventType.PatrolCheckIn).TakeLast(n).Select(Row),
                after = s.Events.Skip(i).Where(e => e.Type != EventType.PatrolCheckIn).Take(n).Select(Row),
            });
        }));
        api.MapGet("/{id}/report", (string id, ReplaySessions sessions, CountyMap map) => Ready(sessions, id, s => Results.Ok(ResponseReport.Build(s.Events, map, s.To))));
        api.MapGet("/{id}/report.csv", (string id, string? kind, ReplaySessions sessions, CountyMap map, CountyTime zone) => ReplayInput.OneOf("kind", kind, ReplayInput.CsvKinds) ?? Ready(sessions, id, s =>
            Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ReplayCsv.Write(s, map, kind ?? "alarms", zone))).ToArray(),
                "text/csv; charset=utf-8", $"replay-{kind ?? "alarms"}-{zone.Format(s.From, "yyyyMMddHHmm")}.csv")));
        api.MapGet("/incidents", async (DateTimeOffset? from, DateTimeOffset? to, InfluxClient influx, TimeProvider time, ReplayInput input, CancellationToken ct) =>
            input.Instants(("from", from), ("to", to)) ?? Results.Ok(await Incidents.FindAsync(influx, from ?? time.GetUtcNow().AddDays(-1), to ?? time.GetUtcNow(), ct)));
        app.MapGet("/api/v1/capture", async (ILiveCounty silo, CancellationToken ct) =>
        {
            var (asOf, value) = await silo.CaptureAsync(m => new
            {
                lastSeq = m.LastSeq,
                county = m.County.Figures.ToDictionary(),
                grids = m.ActiveGrids.OrderBy(g => g.Code, StringComparer.Ordinal)
                    .Select(g => new { code = g.Code, level = g.Level, figures = g.Figures.ToDictionary() }).ToList(),
            }, ct);
            return Results.Ok(new { asOf, value.lastSeq, value.county, value.grids });
        });
        return app;
    }

    /// <param name="Snapshots">false: build the state at From from the start of the log, not from a stored snapshot (for comparison).</param>
    public sealed record ReplayRequest(DateTimeOffset? From, DateTimeOffset? To, bool? Snapshots = null);

    private static object Status(ReplaySession s) => new
    {
        id = s.Id, status = s.Status, progress = Math.Round(s.Progress, 3), from = s.From, to = s.To, eventCount = s.Events.Count,
        error = s.Error, loadMillis = s.LoadMillis, snapshotSeq = s.SnapshotSeq, eventsBefore = s.EventsBefore,
    };

    private static object Row(CountyEvent e) => new
    {
        at = e.AcceptedAt, occurredAt = e.OccurredAt, type = e.Type.ToWire(), grid = e.GridCode, alarm = e.AlarmId, @case = e.CaseId,
        severity = e.Severity, state = e.CaseState?.ToWire(), actor = e.Actor, drill = e.DrillId, kind = e.AlarmKind ?? e.DrillName,
    };

    private static object Histogram(ReplaySession s, int buckets)
    {
        var span = (s.To - s.From).Ticks;
        var types = Enum.GetValues<EventType>().Select(t => t.ToWire()).ToArray();
        var counts = types.ToDictionary(t => t, _ => new int[buckets]);
        var markers = new List<object>();
        foreach (var e in s.Events)
        {
            var b = (int)Math.Clamp((e.AcceptedAt - s.From).Ticks * buckets / span, 0, buckets - 1);
            counts[e.Type.ToWire()][b]++;
            if (e.Type == EventType.AlarmRaised && e.Severity <= 2 || e.Type is EventType.DrillStarted or EventType.DrillEnded)
                markers.Add(new { at = e.AcceptedAt, type = e.Type.ToWire(), severity = e.Severity, id = e.AlarmId ?? e.DrillId, grid = e.GridCode, drill = e.IsDrill });
        }
        return new { from = s.From, to = s.To, buckets, bucketMs = span / buckets / TimeSpan.TicksPerMillisecond, counts, markers };
    }

    private static IResult With(ReplaySessions sessions, string id, Func<ReplaySession, IResult> f) =>
        sessions.Find(id) is { } s ? f(s) : Results.Json(new { error = $"no replay {id} (replays close after {ReplaySessions.Idle.TotalMinutes:0} idle minutes)" }, statusCode: 404);

    private static IResult Ready(ReplaySessions sessions, string id, Func<ReplaySession, IResult> f) =>
        sessions.Find(id) is { Status: "ready" } s ? f(s) : NotReady(sessions, id);

    private static IResult NotReady(ReplaySessions sessions, string id) => sessions.Find(id) is { } s
        ? Results.Json(new { error = $"replay {id} is {s.Status}", s.Progress, s.Error }, statusCode: 409)
        : With(sessions, id, _ => Results.Ok());
}
