using System.Text.RegularExpressions;
using CommandCenter.Hosting;
using Microsoft.Extensions.Configuration;
using CommandCenter.TestSupport;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CommandCenter.MultiProcess.Tests;

/// <summary>
/// There is no Docker engine here, so compose/ is checked statically: the YAML parses (merge keys
/// resolved), InfluxDB, Redis and three silo hosts exist, referenced Dockerfiles and paths exist, ports and
/// cluster settings agree with the app's configuration and each other, and the deployment matches scripts/run-multi.sh.
/// </summary>
public sealed class ComposeFilesTests
{
    private static readonly string Compose = Path.Combine(RepoPaths.Root, "compose");
    private static readonly YamlMappingNode Root = Load(Path.Combine(Compose, "docker-compose.yml"));
    private static readonly YamlMappingNode Services = (YamlMappingNode)Root["services"];
    private static readonly string[] Apps = ["silo-1", "silo-2", "silo-3"];

    private static YamlMappingNode Load(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(reader)));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Service(string name) => (YamlMappingNode)Services[name];
    private static string? Scalar(YamlNode node, params string[] path)
    {
        foreach (var key in path)
            if (node is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode(key), out var next)) node = next;
            else return null;
        return (node as YamlScalarNode)?.Value;
    }
    private static string Env(string service, string key) => Scalar(Service(service), "environment", key) ?? throw new Xunit.Sdk.XunitException($"{service} has no {key}");

    [Fact]
    public void Compose_names_influxdb_redis_and_three_silos()
    {
        var names = Services.Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToHashSet();
        Assert.Superset(new HashSet<string?>(["influxdb", "redis", .. Apps]), names);
        var influx = Regex.Match(Scalar(Service("influxdb"), "image")!, @"^influxdb:(\d+)\.(\d+)");
        Assert.True(influx.Success && (int.Parse(influx.Groups[1].Value), int.Parse(influx.Groups[2].Value)) is (1, >= 8) or (> 1, _), "InfluxDB 1.8+ image");
        Assert.StartsWith("redis:7", Scalar(Service("redis"), "image"));
        foreach (var name in names) Assert.NotNull(Scalar(Service(name!), "healthcheck", "interval"));
    }

    [Fact]
    public void Every_app_service_builds_from_an_existing_Dockerfile_whose_paths_exist()
    {
        foreach (var app in Apps)
        {
            var context = Path.GetFullPath(Path.Combine(Compose, Scalar(Service(app), "build", "context")!));
            var dockerfile = Path.Combine(context, Scalar(Service(app), "build", "dockerfile")!);
            Assert.True(File.Exists(dockerfile), $"{app}: {dockerfile} is missing");
            foreach (var line in File.ReadLines(dockerfile).Where(l => l.StartsWith("COPY ") && !l.Contains("--from")))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1];
                foreach (var source in parts) Assert.True(Path.Exists(Path.Combine(context, source)), $"{dockerfile}: COPY {source} is not in the build context");
            }
            var text = File.ReadAllText(dockerfile);
            Assert.Contains("src/Dashboard/Dashboard.csproj", text);
            var assembly = Regex.Match(File.ReadAllText(Path.Combine(RepoPaths.DashboardProject, "Dashboard.csproj")), "<AssemblyName>(.+)</AssemblyName>").Groups[1].Value;
            Assert.Contains($"\"{assembly}.dll\"", text);
        }
    }

    [Fact]
    public void Ports_and_cluster_settings_agree_with_the_app_and_each_other()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Compose, "Dockerfile"));
        var published = new HashSet<string>();
        foreach (var app in Apps)
        {
            var port = new Uri(Env(app, "urls")).Port;
            Assert.Contains($"EXPOSE {port}", dockerfile);
            var health = ((YamlSequenceNode)Service(app)["healthcheck"]["test"]).Children.Select(c => ((YamlScalarNode)c).Value).Last()!;
            Assert.Equal(port, new Uri(health).Port);
            Assert.All(((YamlSequenceNode)Service(app)["ports"]).Children, p => Assert.EndsWith($":{port}", ((YamlScalarNode)p).Value));
            Assert.True(published.Add(((YamlScalarNode)Service(app)["ports"][0]).Value!.Split(':')[0]), $"{app} publishes a port another host uses");
            var influx = new Uri(Env(app, "Influx__Url"));
            Assert.Equal(("influxdb", 8086), (influx.Host, influx.Port));
            Assert.Equal("redis:6379", Env(app, "Cluster__Redis"));
            Assert.Equal(Env("silo-1", "Cluster__ClusterId"), Env(app, "Cluster__ClusterId"));
            Assert.Equal(app, Env(app, "Cluster__AdvertisedHost")); // the service name: how the other silos reach it
            Assert.True(int.Parse(Env(app, "Cluster__SiloPort")) > 0 && int.Parse(Env(app, "Cluster__GatewayPort")) > 0);
            foreach (var dep in ((YamlMappingNode)Service(app)["depends_on"]).Children.Keys)
                Assert.NotNull(Scalar(Service(((YamlScalarNode)dep).Value!), "healthcheck", "interval"));
        }
        Assert.Contains("8086/ping", string.Join(' ', ((YamlSequenceNode)Service("influxdb")["healthcheck"]["test"]).Children));
        // the engine each host runs is the default one
        Assert.Equal(LiveEngine.Orleans, LiveEngines.Of(new ConfigurationBuilder().Build()));
    }

    [Fact]
    public void Named_volumes_are_declared_and_every_host_shares_one_data_folder()
    {
        var declared = ((YamlMappingNode)Root["volumes"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToHashSet();
        foreach (var (name, node) in Services.Children)
            if (((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode("volumes"), out var volumes))
                foreach (var v in ((YamlSequenceNode)volumes).Children.Select(c => ((YamlScalarNode)c).Value!))
                    Assert.Contains(v.Split(':')[0], declared);
        var data = Apps.Select(a => ((YamlSequenceNode)Service(a)["volumes"]).Children.Select(v => ((YamlScalarNode)v).Value!).Single(v => v.EndsWith(":/app/.data"))).Distinct();
        Assert.Single(data); // accounts, API keys and the cookie key ring are the same on every host
    }

    [Fact]
    public void The_documented_cluster_command_starts_the_same_parts()
    {
        var script = File.ReadAllText(Path.Combine(RepoPaths.Root, "scripts", "run-multi.sh"));
        var started = Regex.Matches(script, @"^start (silo-\d) \S+ (\d+) (\d+)", RegexOptions.Multiline).ToList();
        Assert.Equal(Apps, started.Select(m => m.Groups[1].Value));
        Assert.Equal(3, started.Select(m => m.Groups[2].Value).Distinct().Count()); // silo ports differ on one machine
        Assert.Contains("scripts/redis.sh start", script);
        Assert.Contains("scripts/influx.sh start", script);
        Assert.Contains("Cluster__Redis", script);
    }
}
