using System.Xml.Linq;
using CommandCenter.TestSupport;

namespace CommandCenter.Shared.Tests.Localization;

/// <summary>
/// The page strings (src/Dashboard/Localization/UiText.resx, Chinese, and UiText.en.resx): each name once per file (a
/// second entry silently replaces the first, so two features sharing a name show one of them the other's words), and
/// the same names in both languages.
/// </summary>
public sealed class UiTextFilesTests
{
    private static IReadOnlyList<string> Names(string file) =>
        XDocument.Load(Path.Combine(RepoPaths.DashboardProject, "Localization", file)).Root!.Elements("data")
            .Select(d => (string)d.Attribute("name")!).ToList();

    [Theory]
    [InlineData("UiText.resx")]
    [InlineData("UiText.en.resx")]
    public void Every_name_is_defined_once(string file)
    {
        var twice = Names(file).GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"{file} defines these names more than once: {string.Join(", ", twice)}");
    }

    [Fact]
    public void Chinese_and_English_have_the_same_names()
    {
        var zh = Names("UiText.resx").ToHashSet();
        var en = Names("UiText.en.resx").ToHashSet();
        Assert.Empty(zh.Except(en));
        Assert.Empty(en.Except(zh));
    }
}
