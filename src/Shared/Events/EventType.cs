using System.Text.Json.Serialization;

namespace CommandCenter.Events;

/// <summary>What a live event says happened. Wire names are snake_case (see EventTypeNames).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EventType>))]
public enum EventType
{
    [JsonStringEnumMemberName("patrol_checkin")] PatrolCheckIn,        // 巡查打卡
    [JsonStringEnumMemberName("alarm_raised")] AlarmRaised,            // 告警产生
    [JsonStringEnumMemberName("alarm_acknowledged")] AlarmAcknowledged,// 告警确认
    [JsonStringEnumMemberName("alarm_cleared")] AlarmCleared,          // 告警解除
    [JsonStringEnumMemberName("case_changed")] CaseChanged,            // 案件状态变更
    [JsonStringEnumMemberName("drill_started")] DrillStarted,          // 演练开始
    [JsonStringEnumMemberName("drill_ended")] DrillEnded,              // 演练结束
    [JsonStringEnumMemberName("incident_opened")] IncidentOpened,      // 启动事件处置 (level, commander, scope)
    [JsonStringEnumMemberName("incident_linked")] IncidentLinked,      // 关联告警/案件
    [JsonStringEnumMemberName("incident_note")] IncidentNote,          // 处置记录
    [JsonStringEnumMemberName("incident_closed")] IncidentClosed,      // 处置结束 (summary)
    [JsonStringEnumMemberName("order_changed")] OrderChanged,          // 调度指令状态
    [JsonStringEnumMemberName("whistle_blown")] WhistleBlown,          // 街乡吹哨
    [JsonStringEnumMemberName("report_in")] ReportIn,                  // 部门报到
    [JsonStringEnumMemberName("incident_updated")] IncidentUpdated,    // 调整响应 (level, commander, scope, title)
    [JsonStringEnumMemberName("sensor_reading")] SensorReading,        // 传感器读数 (水位、雨量、燃气浓度、消防栓压力)
    [JsonStringEnumMemberName("stock_changed")] StockChanged,          // 物资库存变动 (盘点、补充、最低储备、归还)
    [JsonStringEnumMemberName("supply_order_changed")] SupplyOrderChanged, // 物资调拨单状态 (下达 → 出发 → 送达 / 取消)
    [JsonStringEnumMemberName("plan_activated")] PlanActivated,        // 启动预案 (plan, version, its steps)
    [JsonStringEnumMemberName("plan_step_done")] PlanStepDone,         // 预案步骤完成 (plan, step, who)
}
