using CommandCenter.Events;

namespace CommandCenter.Grains;

/// <summary>Which directory grain holds an alarm or case id: a stable hash (the same on every silo) into a fixed number of buckets.</summary>
public static class IdDirectory
{
    public const int Buckets = 16;

    public static string AlarmKey(string alarmId) => $"alarm-{Bucket(alarmId):00}";
    public static string CaseKey(string caseId) => $"case-{Bucket(caseId):00}";

    /// <summary>Whether an id with this directory key belongs in the bucket (rebuilding a bucket from the log).</summary>
    public static bool InBucket(string key, string id) => key.EndsWith($"-{Bucket(id):00}", StringComparison.Ordinal);

    /// <summary>The directory key of the alarm or case an event names (null for other events).</summary>
    public static string? KeyOf(CountyEvent e) => e.Type switch
    {
        EventType.AlarmRaised or EventType.AlarmAcknowledged or EventType.AlarmCleared => AlarmKey(e.AlarmId!),
        EventType.CaseChanged => CaseKey(e.CaseId!),
        _ => null,
    };

    public static int Bucket(string id)
    {
        // FNV-1a over UTF-16 code units: string.GetHashCode differs between processes
        var h = 2166136261u;
        foreach (var c in id) { h ^= c; h *= 16777619u; }
        return (int)(h % Buckets);
    }
}
