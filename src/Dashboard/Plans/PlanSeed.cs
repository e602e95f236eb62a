using CommandCenter.Geography;

namespace CommandCenter.Plans;

/// <summary>
/// The demo county's response plans (预案), written as a county emergency office would: who is notified, which forces
/// are sent, where people shelter, who is warned and which supplies are called up, each with its deadline and owner.
/// Shelter steps name a party-and-masses service center (党群服务中心) of the running map and are left out when it has
/// none; an earthquake warning goes to every street of the map.
/// </summary>
public static class PlanSeed
{
    public static IReadOnlyList<PlanDefinition> For(CountyMap map)
    {
        var centers = map.Pois.Where(p => p.Kind == PoiKind.ServiceCenter).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        Poi? Center(int i) => centers.Count == 0 ? null : centers[i % centers.Count];
        var allStreets = map.Streets.Select(s => s.Code).ToList();
        return
        [
            Plan("flood", "防汛应急预案（城区内涝与河道超警）", ["water_level", "rainfall"], [1, 2, 3],
                Notify("水务局", "通知水务局启动防汛应急响应，派员监测河道水位", 10, "值班员"),
                Notify("应急管理局", "通知应急管理局派员到指挥中心会商", 15, "值班员"),
                Warn([], "向受影响街道发布防汛预警，组织低洼地带、地下空间人员转移", 20, "街道应急办"),
                Dispatch("fire", 2, "调派消防救援站2组（冲锋舟、排涝车）赴积水点", 30, "指挥长"),
                Dispatch("urban", 2, "调派城管队2组封控积水路段、设置警示", 30, "指挥长"),
                Shelter(Center(0), "作为临时避难场所，安置转移群众", 45, "街道应急办"),
                Supplies("sandbags", 2000, "调拨沙袋2000袋到河堤薄弱段", 60, "物资保障组"),
                Supplies("pumps", 6, "调拨抽水泵6台到积水点", 60, "物资保障组"),
                Supplies("lifejackets", 50, "调拨救生衣50件给转移队伍", 60, "物资保障组")),

            Plan("high-rise-fire", "高层建筑火灾应急预案", ["smoke"], [1, 2, 3],
                Dispatch("fire", 3, "调派消防救援站3车（含登高平台车）到场灭火救人", 5, "值班员"),
                Dispatch("medical", 2, "调派120救护车2辆到场待命", 10, "值班员"),
                Dispatch("police", 1, "调派派出所警力维持秩序、疏导交通、保障消防通道", 10, "值班员"),
                Notify("消防救援大队", "报告消防救援大队，指挥员到场指挥", 10, "指挥长"),
                Warn([], "通知所在街道组织着火楼栋及相邻楼栋住户疏散", 15, "街道应急办"),
                Notify("供电公司", "通知供电公司切断着火楼栋非消防电源", 20, "指挥长"),
                Shelter(Center(1), "安置疏散住户，登记人员去向", 60, "街道应急办")),

            Plan("gas-leak", "燃气泄漏应急预案", ["gas"], [2, 3, 4],
                Notify("燃气公司", "通知燃气公司抢修队关阀、抢修", 10, "值班员"),
                Dispatch("fire", 1, "调派消防救援站1车到场警戒、喷雾稀释", 10, "值班员"),
                Dispatch("police", 1, "调派警力设置警戒区、禁止明火和车辆进入", 15, "指挥长"),
                Warn([], "向周边街道发布燃气泄漏预警，组织泄漏点周边200米内人员疏散", 20, "街道应急办"),
                Notify("应急管理局", "报告应急管理局，通报处置进展", 30, "值班员"),
                Dispatch("worker", 2, "网格员入户排查周边住户燃气设施", 60, "网格长")),

            Plan("mass-gathering", "大型活动人员聚集应急预案", ["video", "hotline", "police_110"], [2, 3, 4],
                Dispatch("police", 2, "调派警力2组现场疏导，实施单向通行", 10, "值班员"),
                Dispatch("medical", 1, "调派救护车1辆到场待命", 15, "值班员"),
                Notify("交警大队", "通知交警大队对周边道路实施交通管制", 15, "值班员"),
                Dispatch("urban", 2, "调派城管队清理占道、设置隔离护栏", 20, "指挥长"),
                Warn([], "向活动所在街道发布人员聚集提示，引导错峰离场", 30, "街道应急办"),
                Notify("文化旅游局", "通知活动主办单位（文化旅游局）限流、暂停入场", 30, "指挥长")),

            Plan("hazmat", "危险化学品泄漏应急预案", ["gas", "smoke"], [1, 2],
                Dispatch("fire", 4, "调派消防救援站4车（含化学救援车、洗消车）", 5, "值班员"),
                Notify("生态环境局", "通知生态环境局开展大气、水体应急监测", 15, "值班员"),
                Notify("应急管理局", "通知应急管理局危化品专家到场研判", 15, "指挥长"),
                Dispatch("police", 2, "调派警力封控下风向道路", 15, "指挥长"),
                Dispatch("medical", 2, "调派救护车2辆，设置现场洗消和救治点", 20, "值班员"),
                Warn([], "向下风向街道发布紧急疏散预警", 20, "街道应急办"),
                Shelter(Center(2), "作为临时安置点，安置疏散群众", 60, "街道应急办"),
                Supplies("water", 500, "调拨饮用水500箱到安置点", 90, "物资保障组")),

            Plan("earthquake", "地震应急预案", ["worker", "hotline"], [1, 2, 3],
                Notify("应急管理局", "报告应急管理局，启动地震应急响应", 5, "值班员"),
                Warn(allStreets, "全县发布地震应急提示，组织群众到空旷地带避险", 15, "指挥长"),
                Dispatch("worker", 20, "网格员入户排查房屋受损和人员伤亡情况", 30, "网格长"),
                Dispatch("fire", 4, "调派消防救援站4车开展搜救", 30, "指挥长"),
                Dispatch("medical", 4, "调派救护车4辆到重灾点", 30, "值班员"),
                Shelter(Center(3), "作为应急避难场所，安置受灾群众", 60, "街道应急办"),
                Supplies("tents", 200, "调拨帐篷200顶到避难场所", 120, "物资保障组"),
                Supplies("water", 1000, "调拨饮用水1000箱到避难场所", 120, "物资保障组")),
        ];
    }

    private static PlanDefinition Plan(string id, string name, string[] kinds, int[] levels, params PlanStep?[] steps)
    {
        var kept = steps.OfType<PlanStep>().Select((s, i) => s with { Id = $"s{i + 1}" }).ToList();
        return new PlanDefinition { Id = id, Version = 1, Name = name, AlarmKinds = kinds, Levels = levels, Steps = kept };
    }

    private static PlanStep Step(string action, string title, int minutes, string role) =>
        new() { Id = "", Action = action, Title = title, WithinMinutes = minutes, Role = role };

    private static PlanStep Notify(string department, string title, int minutes, string role) =>
        Step(PlanActions.Notify, title, minutes, role) with { Department = department };

    private static PlanStep Dispatch(string unitKind, int count, string title, int minutes, string role) =>
        Step(PlanActions.Dispatch, title, minutes, role) with { UnitKind = unitKind, Count = count };

    private static PlanStep Warn(IReadOnlyList<string> streets, string title, int minutes, string role) =>
        Step(PlanActions.Warn, title, minutes, role) with { Streets = streets };

    private static PlanStep Supplies(string item, int quantity, string title, int minutes, string role) =>
        Step(PlanActions.Supplies, title, minutes, role) with { Item = item, Quantity = quantity };

    /// <summary>Open the shelter at a service center: its name leads the title; no center on the map, no step.</summary>
    private static PlanStep? Shelter(Poi? center, string rest, int minutes, string role) =>
        center is null ? null : Step(PlanActions.Shelter, $"开放{center.Name}{rest}", minutes, role) with { Poi = center.Id };
}
