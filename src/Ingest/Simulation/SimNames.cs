namespace CommandCenter.Simulation;

/// <summary>Names and labels the scenario writes into events: people, departments, drills, alarm notes.</summary>
internal static class SimNames
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "建华", "晓东", "海燕", "志强"];

    public static readonly string[] DutyOfficers = BuildOfficers();

    public static string Person(Random random) => Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)];

    public static string DutyOfficer(Random random) => DutyOfficers[random.Next(DutyOfficers.Length)];

    private static string[] BuildOfficers()
    {
        var r = new Random(12345);
        return [.. Enumerable.Range(0, 24).Select(_ => "值班员-" + Person(r)).Distinct()];
    }

    /// <summary>The department a case of this category is dispatched to.</summary>
    public static string DepartmentFor(string category) => category switch
    {
        "safety_hazard" => "应急管理局",
        "fire_safety" => "消防救援大队",
        "road_traffic" => "交警大队",
        "sanitation" => "环卫所",
        "city_appearance" => "城管执法局",
        "dispute" => "综治中心",
        "public_service" => "民政局",
        _ => "街道办事处",
    };

    public static string AlarmLabel(string kind) => kind switch
    {
        "smoke" => "烟感告警",
        "gas" => "燃气浓度超限",
        "water_level" => "水位超警戒",
        "manhole" => "井盖位移",
        "hydrant" => "消火栓水压异常",
        "video" => "视频智能分析告警",
        "hotline" => "12345热线来电",
        "police_110" => "110联动警情",
        "worker" => "网格员上报",
        _ => "告警",
    };

    /// <summary>Drill scenarios: name, the alarm kind they raise, the case category they open.</summary>
    public static readonly (string Name, string AlarmKind, string Category)[] Drills =
    [
        ("防汛应急演练", "water_level", "safety_hazard"),
        ("消防应急演练", "smoke", "fire_safety"),
        ("燃气泄漏应急演练", "gas", "safety_hazard"),
        ("地震应急疏散演练", "worker", "public_service"),
        ("危化品泄漏处置演练", "gas", "safety_hazard"),
        ("道路交通事故救援演练", "video", "road_traffic"),
    ];
}
