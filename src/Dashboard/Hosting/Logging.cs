using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace CommandCenter.Hosting;

/// <summary>
/// Serilog through Serilog.AspNetCore: console and a daily rolling file (Logging:Directory, default logs/ in the data root:
/// DataRoot), plain text or JSON (Logging:Json=true). Quiet defaults for ASP.NET Core, HttpClient and Orleans (Warning);
/// the "Serilog" config section overrides them. Every event passes <see cref="SecretRedaction"/>. Orleans and the rest of
/// Microsoft.Extensions.Logging reach the same sinks (Serilog is the logger factory).
/// </summary>
public static class Logging
{
    public static void UseSerilog(this WebApplicationBuilder builder)
    {
        var json = builder.Configuration.GetValue("Logging:Json", false);
        var dir = builder.Configuration["Logging:Directory"] ?? Path.Combine(".data", "logs");
        const string text = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";
        var config = new LoggerConfiguration()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
            .MinimumLevel.Override("Orleans", LogEventLevel.Warning)
            .MinimumLevel.Override("Polly", LogEventLevel.Warning) // Orleans placement logs every attempt through Polly at Information
            .ReadFrom.Configuration(builder.Configuration) // after the defaults: the "Serilog" section wins
            .Enrich.FromLogContext()
            .Enrich.With<SecretRedaction>();
        config = json
            ? config.WriteTo.Console(new JsonFormatter(renderMessage: true))
                    .WriteTo.File(new JsonFormatter(renderMessage: true), Path.Combine(dir, "commandcenter-.json"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14)
            : config.WriteTo.Console(outputTemplate: text)
                    .WriteTo.File(Path.Combine(dir, "commandcenter-.log"), outputTemplate: text, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14);
        Log.Logger = config.CreateLogger();
        builder.Services.AddSerilog(Log.Logger, dispose: true);
    }

    /// <summary>
    /// One line per request (method, path without the query, status, time): 5xx or an exception Error, 4xx Warning, the rest
    /// Debug — the wall and console poll, so successful requests would drown everything else at Information.
    /// </summary>
    public static void UseRequestLogging(this WebApplication app) =>
        app.UseSerilogRequestLogging(o =>
        {
            o.IncludeQueryInRequestPath = false; // ?token=… (the kiosk token) must never reach a log
            o.GetLevel = (http, _, error) => RequestLevel(http.Response.StatusCode, error);
        });

    public static LogEventLevel RequestLevel(int status, Exception? error) =>
        error is not null || status >= 500 ? LogEventLevel.Error
        : status >= 400 ? LogEventLevel.Warning
        : LogEventLevel.Debug;
}
