using Orleans.Runtime;

namespace CommandCenter.Admin;

/// <summary>One silo of the cluster as an operator sees it: where, its membership status, and how many grains of each kind it holds.</summary>
public sealed record SiloView(string Address, string Status, IReadOnlyDictionary<string, int> Grains);

/// <summary>
/// The Orleans cluster for the admin page and <c>GET /api/v1/admin/cluster</c>: every silo the membership knows (dead ones
/// too, for a while) and its activations per grain kind (GridGrain, CommunityGrain, …), from Orleans' management grain.
/// Empty when the host runs the mailbox engine (no Orleans).
/// </summary>
public static class ClusterView
{
    public static readonly string[] Kinds = ["GridGrain", "CommunityGrain", "StreetGrain", "CountyGrain", "CommandBoardGrain", "DirectoryGrain", "WorkerGrain", "ScreenRelayGrain"];

    public static async Task<IReadOnlyList<SiloView>> ReadAsync(IServiceProvider services)
    {
        if (services.GetService<IGrainFactory>() is not { } grains) return [];
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: false);
        var stats = await management.GetSimpleGrainStatistics();
        return hosts.OrderBy(h => h.Key.ToString(), StringComparer.Ordinal).Select(h => new SiloView(h.Key.ToString(), h.Value.ToString(),
            Kinds.ToDictionary(k => k, k => stats.Where(s => s.SiloAddress.Equals(h.Key) && ShortName(s.GrainType) == k).Sum(s => s.ActivationCount))))
            .ToList();
    }

    /// <summary>"CommandCenter.Grains.GridGrain,CommandCenter.Silo" → "GridGrain".</summary>
    private static string ShortName(string grainType)
    {
        var name = grainType.Split(',')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }
}
