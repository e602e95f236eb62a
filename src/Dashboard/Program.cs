using CommandCenter.Accounts;
using CommandCenter.Admin;
using CommandCenter.ApiDocs;
using CommandCenter.Audit;
using CommandCenter.Components;
using CommandCenter.Dispatch;
using CommandCenter.Health;
using CommandCenter.Hosting;
using CommandCenter.Ingest.Api;
using CommandCenter.Localization;
using CommandCenter.Replay;
using CommandCenter.State;
using CommandCenter.Wall;

var builder = WebApplication.CreateBuilder(args);
DataRoot.Apply(builder.Configuration, builder.Environment.ContentRootPath); // one data folder for accounts, keys, logs, imports
if (args.FirstOrDefault() == "create-admin") return AccountSetup.CreateAdmin(args, builder.Configuration);
builder.UseSerilog();
ProcessMode mode;
try
{
    mode = ProcessModes.Of(builder.Configuration);
    builder.AddCommandCenter(mode);
}
catch (InvalidOperationException ex) { Console.Error.WriteLine(ex.Message); return 2; }
if (mode is ProcessMode.Silo or ProcessMode.Ingest)
{
    // A silo or an ingest process of the multi-process deployment: health, and for ingest the events API.
    var part = builder.Build();
    part.UseRequestLogging();
    part.MapBrokerEndpoints(mode);
    if (mode == ProcessMode.Ingest) part.MapIngest();
    part.Run();
    return 0;
}
builder.AddWall();
builder.AddAccounts();
builder.Services.AddSingleton<ReplaySessions>();
builder.Services.AddSingleton<ReplayInput>();
builder.Services.AddLocalization();
builder.Services.AddRazorComponents();
builder.AddApiDocs();

var app = builder.Build();
app.UseRequestLogging(); // one line per request (query never logged): 5xx Error, 4xx Warning, the rest Debug
app.UseSecurityHeaders();
app.UseUiCultures();
app.UseCultureCookie();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseKioskGate();
app.UseAntiforgery();
if (mode == ProcessMode.Single)
{
    app.MapHealth();
    app.MapIngest();
}
else app.MapBrokerEndpoints(mode);
app.MapState();
app.MapWall();
app.MapReplay();
app.MapAccounts();
app.MapConsole();
app.MapAdmin();
app.MapAudit();
app.MapGeographyAdmin();
app.MapApiDocs();
app.MapRazorComponents<App>();
app.MapGet("/", () => Results.Redirect("/signin"));
app.Run();
return 0;

/// <summary>The host's entry point, visible to the end-to-end tests.</summary>
public partial class Program;
