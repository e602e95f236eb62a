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
    /// (the host ensures the database itself, retrying while InfluxDB is not up yet).
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
        return services;
    }
}
