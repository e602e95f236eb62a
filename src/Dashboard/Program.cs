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
using CommandCenter.Maps;
using CommandCenter.Plans;
using CommandCenter.Replay;
using CommandCenter.State;
using CommandCenter.Wall;

var builder = WebApplication.CreateBuilder(args);
DataRoot.Apply(builder.Configuration, builder.Environment.ContentRootPath); // one data folder for accounts, keys, logs, imports
if (args.FirstOrDefault() == "create-admin") return AccountSetup.CreateAdmin(args, builder.Configuration);
// Blazor's own script (_framework/blazor.web.js) and the components' collocated modules are static web assets: served from
// the build's manifest in any environment (the tests and scripts/run.sh run the build output), from wwwroot when published
builder.WebHost.UseStaticWebAssets();
builder.UseSerilog();
try { builder.AddCommandCenter(); }
catch (InvalidOperationException ex) { Console.Error.WriteLine(ex.Message); return 2; }
builder.AddWall();
builder.AddAccounts();
builder.AddPlans();
builder.Services.AddSingleton<ReplaySessions>();
builder.Services.AddSingleton<ReplayInput>();
builder.Services.AddLocalization();
builder.Services.AddRazorComponents().AddInteractiveServerComponents(); // the CountyMap island (Maps/CountyMap.razor)
builder.Services.AddSingleton<MapCards>();
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
app.MapHealth();
app.MapIngest();
app.MapState();
app.MapWall();
app.MapReplay();
app.MapAccounts();
app.MapConsole();
app.MapSupplies();
app.MapAdmin();
app.MapPlans();
app.MapAudit();
app.MapGeographyAdmin();
app.MapApiDocs();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapGet("/", () => Results.Redirect("/signin"));
app.Run();
return 0;

/// <summary>The host's entry point, visible to the end-to-end tests.</summary>
public partial class Program;
