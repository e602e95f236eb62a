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
using CommandCenter.Plans;
using CommandCenter.Replay;
using CommandCenter.State;
using CommandCenter.Wall;

var builder = WebApplication.CreateBuilder(args);
DataRoot.Apply(builder.Configuration, builder.Environment.ContentRootPath); // one data folder for accounts, keys, logs, imports
if (args.FirstOrDefault() == "create-admin") return AccountSetup.CreateAdmin(args, builder.Configuration);
builder.UseSerilog();
try { builder.AddCommandCenter(); }
catch (InvalidOperationException ex) { Console.Error.WriteLine(ex.Message); return 2; }
builder.AddWall();
builder.AddAccounts();
builder.AddPlans();
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
app.MapRazorComponents<App>();
app.MapGet("/", () => Results.Redirect("/signin"));
app.Run();
return 0;

/// <summary>The host's entry point, visible to the end-to-end tests.</summary>
public partial class Program;
