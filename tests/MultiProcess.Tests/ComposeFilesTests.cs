using System.Text.RegularExpressions;
using CommandCenter.Hosting;
using Microsoft.Extensions.Configuration;
using CommandCenter.TestSupport;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CommandCenter.MultiProcess.Tests;

/// <summary>
/// There is no Docker engine here, so compose/ is checked statically: the YAML parses (merge keys
/// resolved), the six services exist, referenced Dockerfiles and paths exist, modes and ports agree
/// with the app's configuration, and the deployment matches scripts/run-multi.sh.
/// </summary>
public sealed class ComposeFilesTests
{
    private static readonly string Compose = Path.Combine(RepoPaths.Root, "compose");
    private static readonly YamlMappingNode Root = Load(Path.Combine(Compose, "docker-compose.yml"));
    private static readonly YamlMappingNode Services = (YamlMappingNode)Root["services"];
    private static readonly string[] Apps = ["silo-1", "silo-2", "ingest", "dashboard"];

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
    public void Compose_names_influxdb_rabbitmq_two_silos_ingest_and_dashboard()
    {
        var names = Services.Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToHashSet();
        Assert.Superset(new HashSet<string?>(["influxdb", "rabbitmq", .. Apps]), names);
        var influx = Regex.Match(Scalar(Service("influxdb"), "image")!, @"^influxdb:(\d+)\.(\d+)");
        Assert.True(influx.Success && (int.Parse(influx.Groups[1].Value), int.Parse(influx.Groups[2].Value)) is (1, >= 8) or (> 1, _), "InfluxDB 1.8+ image");
        Assert.StartsWith("rabbitmq:3.", Scalar(Service("rabbitmq"), "image"));
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
    public void Modes_ports_and_addresses_agree_with_the_app_and_each_other()
    {
        var modes = Apps.Select(a => ProcessModes.Of(new ConfigurationBuilder().AddInMemoryCollection([new("Mode", Env(a, "Mode"))]).Build())).ToList();
        Assert.Equal([ProcessMode.Silo, ProcessMode.Silo, ProcessMode.Ingest, ProcessMode.Dashboard], modes);
        Assert.NotEqual(Env("silo-1", "Broker__SiloId"), Env("silo-2", "Broker__SiloId"));
        var dockerfile = File.ReadAllText(Path.Combine(Compose, "Dockerfile"));
        foreach (var app in Apps)
        {
            var port = new Uri(Env(app, "urls")).Port;
            Assert.Contains($"EXPOSE {port}", dockerfile);
            var health = ((YamlSequenceNode)Service(app)["healthcheck"]["test"]).Children.Select(c => ((YamlScalarNode)c).Value).Last()!;
            Assert.Equal(port, new Uri(health).Port);
            if (Service(app).Children.TryGetValue(new YamlScalarNode("ports"), out var ports))
                Assert.All(((YamlSequenceNode)ports).Children, p => Assert.EndsWith($":{port}", ((YamlScalarNode)p).Value));
            var influx = new Uri(Env(app, "Influx__Url"));
            Assert.Equal(("influxdb", 8086), (influx.Host, influx.Port));
            var broker = new Uri(Env(app, "Broker__Url").Replace("${CC_RABBIT_PASSWORD:?set CC_RABBIT_PASSWORD}", "x"));
            Assert.Equal(("amqp", "rabbitmq", 5672), (broker.Scheme, broker.Host, broker.Port));
            Assert.Equal(Env("silo-1", "Broker__Partitions"), Env(app, "Broker__Partitions"));
            foreach (var dep in ((YamlMappingNode)Service(app)["depends_on"]).Children.Keys)
                Assert.NotNull(Scalar(Service(((YamlScalarNode)dep).Value!), "healthcheck", "interval"));
        }
        Assert.Contains("8086/ping", string.Join(' ', ((YamlSequenceNode)Service("influxdb")["healthcheck"]["test"]).Children));
        Assert.Contains(new Uri(Env("ingest", "urls")).Port.ToString(), Scalar(Service("ingest")["ports"][0])!);
    }

    [Fact]
    public void Named_volumes_are_declared_and_the_dashboard_keeps_its_data_folder()
    {
        var declared = ((YamlMappingNode)Root["volumes"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToHashSet();
        foreach (var (name, node) in Services.Children)
            if (((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode("volumes"), out var volumes))
                foreach (var v in ((YamlSequenceNode)volumes).Children.Select(c => ((YamlScalarNode)c).Value!))
                    Assert.Contains(v.Split(':')[0], declared);
        Assert.Contains(((YamlSequenceNode)Service("dashboard")["volumes"]).Children, v => ((YamlScalarNode)v).Value!.EndsWith(":/app/.data"));
    }

    [Fact]
    public void The_documented_multi_process_command_starts_the_same_parts()
    {
        var script = File.ReadAllText(Path.Combine(RepoPaths.Root, "scripts", "run-multi.sh"));
        var started = Regex.Matches(script, @"^start \S+ \S+ (\w+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["silo", "silo", "ingest", "dashboard"], started);
        Assert.Contains("scripts/rabbitmq.sh start", script);
        Assert.Contains("scripts/influx.sh start", script);
    }
}
