using System.Text.Json.Serialization;

namespace CommandCenter.Events;

/// <summary>The closed loop of a case (事件/案件): 上报 → 立案 → 派遣 → 处置中 → 处置完成 → 核查 → 结案, plus 不予立案 and 退回.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaseState>))]
public enum CaseState
{
    [JsonStringEnumMemberName("reported")] Reported = 0,      // 上报
    [JsonStringEnumMemberName("accepted")] Accepted = 1,      // 立案
    [JsonStringEnumMemberName("dispatched")] Dispatched = 2,  // 派遣
    [JsonStringEnumMemberName("in_progress")] InProgress = 3, // 处置中
    [JsonStringEnumMemberName("handled")] Handled = 4,        // 处置完成
    [JsonStringEnumMemberName("verified")] Verified = 5,      // 核查通过
    [JsonStringEnumMemberName("closed")] Closed = 6,          // 结案
    [JsonStringEnumMemberName("rejected")] Rejected = 7,      // 不予立案
    [JsonStringEnumMemberName("returned")] Returned = 8,      // 退回
}
