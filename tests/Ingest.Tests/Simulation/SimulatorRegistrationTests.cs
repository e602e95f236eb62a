using CommandCenter.Simulation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CommandCenter.Ingest.Tests.Simulation;

public sealed class SimulatorRegistrationTests
{
    [Fact]
    public void AddCountySimulator_binds_the_section_and_registers_the_simulator()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Simulator:EventsPerSecond"] = "123",
            ["Simulator:Workers"] = "40",
            ["Simulator:Sensors"] = "10",
            ["Simulator:Seed"] = "99",
            ["Simulator:FlushInterval"] = "00:00:00.5",
            ["Simulator:BaseAddress"] = "http://127.0.0.1:5080",
        }).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TestCounty.Build())
            .AddCountySimulator(config)
            .PostConfigure<SimulatorOptions>(o => o.ApiKey = "from-host");
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var options = provider.GetRequiredService<IOptions<SimulatorOptions>>().Value;
        Assert.Equal(123, options.EventsPerSecond);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.FlushInterval);
        Assert.Equal("from-host", options.ApiKey);
        Assert.IsType<HttpEventSink>(provider.GetRequiredService<IEventSink>());
        Assert.Equal(40, provider.GetRequiredService<CountyScenario>().WorkerCount);
        var hosted = Assert.Single(provider.GetServices<IHostedService>());
        Assert.Same(provider.GetRequiredService<CountySimulator>(), hosted);
        Assert.Equal(0, provider.GetRequiredService<CountySimulator>().Counters.Sent);
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Simulator:BatchMaxSize"] = "0" }).Build();
        using var provider = new ServiceCollection().AddLogging().AddSingleton(TestCounty.Build()).AddCountySimulator(config).BuildServiceProvider();
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SimulatorOptions>>().Value);
        Assert.Throws<ArgumentException>(() => new CountyScenario(new Random(1), TestCounty.Build(), new SimulatorOptions { EventsPerSecond = 0 }));
    }
}
