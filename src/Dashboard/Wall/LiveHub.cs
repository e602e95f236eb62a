using CommandCenter.Live;
using Microsoft.AspNetCore.SignalR;

namespace CommandCenter.Wall;

/// <summary>
/// The screens' one live connection (/hubs/live). A screen calls Snapshot() on every (re)connect, then
/// applies the "delta" messages whose Version follows; anything older is dropped on the client.
/// </summary>
public sealed class LiveHub(ILiveCounty silo, WallBroadcaster broadcaster, WallState state, KioskAccess kiosk) : Hub
{
    public override Task OnConnectedAsync()
    {
        var http = Context.GetHttpContext();
        if (http is null || (!kiosk.IsAllowed(http) && http.User.Identity?.IsAuthenticated != true))
        {
            Context.Abort();
            return Task.CompletedTask;
        }
        return base.OnConnectedAsync();
    }

    public Task<WallSnapshot> Snapshot() => broadcaster.SnapshotAsync(Context.ConnectionAborted);

    public Task<object> Health() => Task.FromResult<object>(new { silo = silo.Status, build = state.Build });
}
