using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommandCenter.Storage;

public static class InfluxServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="InfluxOptions"/> (section "Influx"), a singleton <see cref="InfluxClient"/>
    /// and a hosted service that runs <see cref="InfluxClient.EnsureDatabaseAsync"/> at start.
    /// </summary>
    public static IServiceCollection AddInfluxClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InfluxOptions>().Bind(configuration.GetSection(InfluxOptions.SectionName));
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<InfluxOptions>>().Value;
            var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            {
                Timeout = Timeout.InfiniteTimeSpan, // InfluxClient applies InfluxOptions.Timeout per attempt
            };
            return new InfluxClient(http, options, sp.GetService<ILogger<InfluxClient>>());
        });
        services.AddHostedService<InfluxDatabaseInitializer>();
        return services;
    }
}

/// <summary>Creates the database at start when <see cref="InfluxOptions.CreateDatabase"/> is on.</summary>
internal sealed class InfluxDatabaseInitializer(InfluxClient client, ILogger<InfluxDatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Using {Influx}", client.Options); // ToString masks secrets
        await client.EnsureDatabaseAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
