using System.Collections.Concurrent;
using CommandCenter.EventLog;
using CommandCenter.Storage;

namespace CommandCenter.Dispatch;

/// <summary>
/// Who sent each console request id first. The same person sending it again is a retry (the pipeline
/// answers <c>duplicate</c>); another person sending the same id is refused with 409 naming the first sender
/// and when. Kept in memory for the duplicate window (48 h, at most <see cref="MaxKept"/> ids); after a
/// restart the event log answers for the ids sent before it (<see cref="FromLogAsync"/>).
/// </summary>
public sealed class RequestOwners(TimeProvider time, InfluxClient influx, ILogger<RequestOwners> log)
{
    public const int MaxKept = 200_000;
    public static readonly TimeSpan Window = TimeSpan.FromHours(48);
    public sealed record Owner(string User, string Name, DateTimeOffset At);

    private readonly ConcurrentDictionary<string, Owner> _owners = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Id, DateTimeOffset At)> _order = new();

    /// <summary>Claims the request id for this user; returns the owner (this user, unless someone else claimed it first) and whether this call claimed it.</summary>
    public (Owner Owner, bool Fresh) Claim(string requestId, string user, string name)
    {
        var mine = new Owner(user, name, time.GetUtcNow());
        var owner = _owners.GetOrAdd(requestId, mine);
        if (ReferenceEquals(owner, mine))
        {
            _order.Enqueue((requestId, mine.At));
            while ((_order.Count > MaxKept || _order.TryPeek(out var head) && mine.At - head.At > Window) && _order.TryDequeue(out var old))
                _owners.TryRemove(old.Id, out _);
            return (owner, true);
        }
        return (owner, false);
    }

    /// <summary>Records who really sent an id first (learnt from the event log after a restart).</summary>
    public void Correct(string requestId, Owner owner) => _owners[requestId] = owner;

    /// <summary>The sender and time of a stored console event with this id (within the window), or null.</summary>
    public async Task<Owner?> FromLogAsync(string eventId, CancellationToken ct)
    {
        var since = (time.GetUtcNow() - Window).ToUnixTimeMilliseconds() * 1_000_000;
        var q = $"SELECT actor, occurred FROM {EventCodec.Measurement} WHERE time > {since} AND \"source\" = {InfluxClient.QuoteString(ConsoleAction.Source)} " +
                $"AND \"id\" = {InfluxClient.QuoteString(eventId)} LIMIT 1";
        try
        {
            await foreach (var row in influx.QueryAsync(q, ct))
                return new Owner("", row.GetString("actor") ?? "", DateTimeOffset.FromUnixTimeMilliseconds((row.GetLong("occurred") ?? row.TimeNs) / 1_000_000));
        }
        catch (InfluxException ex)
        {
            log.LogWarning("could not look up who sent console event {Id}: {Error}", eventId, ex.Message);
        }
        return null;
    }
}
