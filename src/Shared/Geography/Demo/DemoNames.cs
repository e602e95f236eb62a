namespace CommandCenter.Geography;

/// <summary>Plausible Chinese place names for the demo county (临江区).</summary>
internal static class DemoNames
{
    public const string CountyName = "临江区";
    public const string CountyCode = "330110";

    /// <summary>Urban streets (街道), the most central first.</summary>
    public static readonly string[] Streets =
        ["江滨街道", "城东街道", "城西街道", "城南街道", "城北街道", "新港街道", "湖畔街道", "白鹭街道", "滨江街道", "文昌街道"];

    /// <summary>Townships (镇) on the edge of the county.</summary>
    public static readonly string[] Towns = ["梅林镇", "青山镇", "临浦镇", "桂花镇", "石门镇", "云溪镇"];

    /// <summary>The i-th street name; past the list (a scaled-up county) the names repeat with a number: 江滨2街道.</summary>
    public static string Street(int i) => Numbered(Streets, i, "街道");

    public static string Town(int i) => Numbered(Towns, i, "镇");

    private static string Numbered(string[] names, int i, string suffix) =>
        i < names.Length ? names[i] : $"{names[i % names.Length][..^suffix.Length]}{i / names.Length + 1}{suffix}";

    private const string FirstChars = "翠桃金银东西南新长安和丰明光清泰永福嘉瑞景文华锦春秋兰松竹梅溪望凤龙";
    private const string SecondChars = "苑源桥湾塘山湖园林港坊埠堤岭亭庄畈桂泉洲坞屿浦阳池";

    public static string Short(string streetName) =>
        streetName.EndsWith("街道", StringComparison.Ordinal) ? streetName[..^2] : streetName.TrimEnd('镇', '乡');

    /// <summary>Unique two-character stems (like 翠苑, 桃源) in a seeded order.</summary>
    public static List<string> Stems(Random rng, int count)
    {
        var all = new List<string>();
        foreach (var a in FirstChars)
            foreach (var b in SecondChars)
                all.Add($"{a}{b}");
        for (var i = all.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (all[i], all[j]) = (all[j], all[i]);
        }
        if (count <= all.Count) return all.GetRange(0, count);
        // a scaled-up county: the stems repeat with a number (翠苑2, 翠苑3, …)
        return Enumerable.Range(0, count).Select(i => i < all.Count ? all[i] : $"{all[i % all.Count]}{i / all.Count + 1}").ToList();
    }

    public static readonly string[] Hospitals =
        ["临江区第一人民医院", "临江区中医院", "临江区第二人民医院", "临江区妇幼保健院", "临江区骨伤科医院", "临江区中心医院"];
}
