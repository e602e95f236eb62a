using Serilog;
using Serilog.Formatting.Json;

namespace CommandCenter.Hosting;

/// <summary>
/// Serilog: console and a daily rolling file (Logging:Directory, default logs/ in the data root: DataRoot), plain text or JSON
/// (Logging:Json=true). Levels and overrides from the "Serilog" config section.
/// </summary>
public static class Logging
{
    public static void UseSerilog(this WebApplicationBuilder builder)
    {
        var json = builder.Configuration.GetValue("Logging:Json", false);
        var dir = builder.Configuration["Logging:Directory"] ?? Path.Combine(".data", "logs");
        const string text = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";
        var config = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http.HttpClient", Serilog.Events.LogEventLevel.Warning)
            .Enrich.FromLogContext();
        config = json
            ? config.WriteTo.Console(new JsonFormatter(renderMessage: true))
                    .WriteTo.File(new JsonFormatter(renderMessage: true), Path.Combine(dir, "commandcenter-.json"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14)
            : config.WriteTo.Console(outputTemplate: text)
                    .WriteTo.File(Path.Combine(dir, "commandcenter-.log"), outputTemplate: text, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14);
        Log.Logger = config.CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(Log.Logger, dispose: true);
    }
}
