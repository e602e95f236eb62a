using CommandCenter.Geography;

namespace CommandCenter.Shared.Tests.Geography;

/// <summary>The demo county, generated once and shared by the tests (CountyMap is immutable).</summary>
internal static class DemoCounty
{
    private static readonly Lazy<CountyMap> Lazy = new(() => DemoCountyGenerator.Generate());

    public static CountyMap Map => Lazy.Value;
}
