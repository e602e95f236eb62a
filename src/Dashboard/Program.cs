using CommandCenter.Accounts;
using CommandCenter.Admin;
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
if (args.FirstOrDefault() == "create-admin") return AccountSetup.CreateAdmin(args, builder.Configuration);
builder.UseSerilog();
builder.AddCommandCenter();
builder.AddWall();
builder.AddAccounts();
builder.Services.AddSingleton<ReplaySessions>();
builder.Services.AddLocalization();
builder.Services.AddRazorComponents();

var app = builder.Build();
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
app.MapAdmin();
app.MapGeographyAdmin();
app.MapRazorComponents<App>();
app.MapGet("/", () => Results.Redirect("/signin"));
app.Run();
return 0;

/// <summary>The host's entry point, visible to the end-to-end tests.</summary>
public partial class Program;
