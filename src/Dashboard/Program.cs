using CommandCenter.Components;
using CommandCenter.Health;
using CommandCenter.Hosting;
using CommandCenter.Ingest.Api;
using CommandCenter.Localization;
using CommandCenter.Replay;
using CommandCenter.State;
using CommandCenter.Wall;

var builder = WebApplication.CreateBuilder(args);
builder.UseSerilog();
builder.AddCommandCenter();
builder.AddWall();
builder.Services.AddSingleton<ReplaySessions>();
builder.Services.AddLocalization();
builder.Services.AddRazorComponents();

var app = builder.Build();
app.UseUiCultures();
app.UseCultureCookie();
app.UseStaticFiles();
app.UseKioskGate();
app.UseAntiforgery();
app.MapHealth();
app.MapIngest();
app.MapState();
app.MapWall();
app.MapReplay();
app.MapRazorComponents<App>();
app.MapGet("/", () => Results.Redirect("/wall"));
app.Run();

/// <summary>The host's entry point, visible to the end-to-end tests.</summary>
public partial class Program;
