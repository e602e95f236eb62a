using System.Collections.Concurrent;
using CommandCenter.EventLog;
using CommandCenter.Live;
using CommandCenter.Storage;
using CommandCenter.Wall;

namespace CommandCenter.Replay;

/// <summary>The open replays (a few at a time); idle ones are dropped after 20 minutes.</summary>
public sealed class ReplaySessions(CountyModelFactory models, WallState wall, EventStore store, SnapshotStore snapshots, ILogger<ReplaySessions> log)
{
    public const int MaxSessions = 4;
    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(20);
    private readonly ConcurrentDictionary<string, ReplaySession> _sessions = new();

    public ReplaySession Start(DateTimeOffset from, DateTimeOffset to, bool useSnapshots = true)
    {
        foreach (var stale in _sessions.Values.Where(s => DateTimeOffset.UtcNow - s.LastUsed > Idle).ToList()) _sessions.TryRemove(stale.Id, out _);
        while (_sessions.Count >= MaxSessions && _sessions.Values.MinBy(s => s.LastUsed) is { } oldest) _sessions.TryRemove(oldest.Id, out _);
        var session = new ReplaySession(Guid.NewGuid().ToString("N")[..12], from, to, models, wall);
        _sessions[session.Id] = session;
        _ = Task.Run(async () =>
        {
            await session.LoadAsync(store, useSnapshots ? snapshots : null, CancellationToken.None);
            log.LogInformation("replay {Id} {From:O}–{To:O}: {Status}, {Count} events in range, loaded in {Ms} ms ({Start}, {Before} events read before the range){Error}",
                session.Id, from, to, session.Status, session.Events.Count, session.LoadMillis,
                session.SnapshotSeq > 0 ? $"from the snapshot after seq {session.SnapshotSeq}" : "from the start of the log", session.EventsBefore,
                session.Error is null ? "" : ": " + session.Error);
            if (session.SnapshotError is not null) log.LogWarning("replay {Id}: stored snapshot not used ({Error})", session.Id, session.SnapshotError);
        });
        return session;
    }

    public ReplaySession? Find(string id) => _sessions.GetValueOrDefault(id);
}
