using CommandCenter.Events;
using CommandCenter.Model;

namespace CommandCenter.Live;

/// <summary>What the silo's mailbox carries; it handles one at a time, in order.</summary>
internal abstract record SiloMessage
{
    public sealed record Submit(IReadOnlyList<CountyEvent> Events, TaskCompletionSource<ApplyOutcome[]> Done) : SiloMessage;
    public sealed record Tick : SiloMessage;
    public sealed record Read(Action<CountyModel> Reader, TaskCompletionSource Done) : SiloMessage;
    public sealed record Recover : SiloMessage;
}
