using CommandCenter.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommandCenter.Shared.Tests.Storage;

public class InfluxOptionsTests
{
    [Fact]
    public void Defaults_match_the_design()
    {
        var o = new InfluxOptions();
        Assert.Equal("http://127.0.0.1:8086", o.Url);
        Assert.Equal("commandcenter", o.Database);
        Assert.Null(o.RetentionPolicy);
        Assert.True(o.CreateDatabase);
        Assert.Equal(5000, o.MaxBatchLines);
        Assert.Equal(5, o.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(200), o.RetryBaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), o.Timeout);
    }

    [Fact]
    public void ToString_masks_secrets()
    {
        var text = new InfluxOptions { Username = "admin", Password = "hunter2", Token = "tok-secret" }.ToString();
        Assert.DoesNotContain("hunter2", text);
        Assert.DoesNotContain("tok-secret", text);
        Assert.Contains("admin", text);
        Assert.Contains("***", text);
    }

    [Fact]
    public void Binds_from_the_Influx_section()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Influx:Url"] = "http://influx:8181",
            ["Influx:Database"] = "county",
            ["Influx:RetentionPolicy"] = "week",
            ["Influx:Token"] = "t",
            ["Influx:CreateDatabase"] = "false",
            ["Influx:MaxBatchLines"] = "100",
            ["Influx:MaxRetries"] = "1",
            ["Influx:RetryBaseDelay"] = "00:00:00.050",
            ["Influx:Timeout"] = "00:00:05",
        }).Build();
        using var sp = new ServiceCollection().AddLogging().AddInfluxClient(config).BuildServiceProvider();
        var o = sp.GetRequiredService<IOptions<InfluxOptions>>().Value;
        Assert.Equal(("http://influx:8181", "county", "week", "t", false), (o.Url, o.Database, o.RetentionPolicy, o.Token, o.CreateDatabase));
        Assert.Equal((100, 1, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5)), (o.MaxBatchLines, o.MaxRetries, o.RetryBaseDelay, o.Timeout));
        Assert.Equal("county", sp.GetRequiredService<InfluxClient>().Options.Database);
    }

    [Fact]
    public void Invalid_settings_are_refused_by_the_client()
    {
        using var http = new HttpClient();
        Assert.Throws<ArgumentException>(() => new InfluxClient(http, new InfluxOptions { Url = "nope" }));
        Assert.Throws<ArgumentException>(() => new InfluxClient(http, new InfluxOptions { MaxBatchLines = 0 }));
        Assert.Throws<ArgumentException>(() => new InfluxClient(http, new InfluxOptions { Database = "" }));
    }
}
