namespace CommandCenter.Plans;

/// <summary>
/// The words a plan may use: the alarm kinds it can apply to, the unit kinds a dispatch step can ask for and the
/// levels (I–IV). Wire names, the same as in alarm_raised, sensor_reading and order_changed events.
/// </summary>
public static class PlanVocabulary
{
    /// <summary>
    /// Alarm kinds (alarm_raised.alarmKind) and the sensor kinds whose warning rules propose plans (rainfall,
    /// hydrant_pressure; water_level and gas are both). Kept in step with CountyEvent.AlarmKind and WarningRules.
    /// </summary>
    public static readonly IReadOnlyList<string> AlarmKinds =
        ["smoke", "gas", "water_level", "rainfall", "manhole", "hydrant", "hydrant_pressure", "video", "hotline", "police_110", "worker"];

    /// <summary>The console's unit kinds (order_changed.unitKind).</summary>
    public static readonly IReadOnlyList<string> UnitKinds = ["police", "fire", "medical", "urban", "market", "sanitation", "worker", "depot"];

    /// <summary>Incident levels: 1 = I (特别重大, red) … 4 = IV (一般, blue).</summary>
    public static readonly IReadOnlyList<int> Levels = [1, 2, 3, 4];

    public const int MaxSteps = 50, MaxNameLength = 200, MaxIdLength = 64, MaxStepIdLength = 32, MaxRoleLength = 64,
        MaxTitleLength = 200, MaxDepartmentLength = 64, MaxItemLength = 32, MaxWithinMinutes = 10080, MaxCount = 50,
        MaxQuantity = 1_000_000, MaxStreets = 100;
}
