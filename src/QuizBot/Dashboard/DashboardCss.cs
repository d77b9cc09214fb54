namespace QuizBot.Dashboard;

// The dashboard's one stylesheet, served by the app itself (the CSP allows styles from 'self' only, no CDN). Colours
// are the Okabe-Ito palette, which stays distinguishable with the common colour-vision deficiencies; pages use the
// variables, never their own colours.
internal static class DashboardCss
{
    public const string Path = DashboardPaths.Root + "/dashboard.css";

    public const string Text = """
        :root {
          --c1: #0072B2; --c2: #E69F00; --c3: #009E73; --c4: #CC79A7; --c5: #56B4E9; --c6: #D55E00; --c7: #F0E442; --c8: #000000;
          --good: #009E73; --bad: #D55E00; --ink: #1b1b1b; --muted: #555; --paper: #fff; --line: #c8c8c8; --accent: #0072B2;
          --focus: #E69F00;
        }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--paper); }
        a { color: var(--accent); }
        a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible,
        th[tabindex]:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
        .skip { position: absolute; left: -999px; top: 0; background: var(--paper); padding: .5rem 1rem; z-index: 10; }
        .skip:focus { left: .5rem; }
        header.top { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; padding: .75rem 1rem; border-bottom: 1px solid var(--line); }
        header.top .brand { font-weight: 700; }
        header.top form { margin-left: auto; }
        nav.pages ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; margin: 0; padding: .5rem 1rem; border-bottom: 1px solid var(--line); }
        nav.pages a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
        main { padding: 1rem; max-width: 72rem; }
        h1 { font-size: 1.5rem; margin: .25rem 0 1rem; }
        h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
        .tabs { display: flex; gap: 1rem; margin: 0 0 1rem; padding: 0; list-style: none; }
        .tabs a[aria-current="page"] { font-weight: 700; }
        .flash { border-left: 4px solid var(--good); padding: .5rem 1rem; background: #eef8f4; margin-bottom: 1rem; }
        .problem { border-left: 4px solid var(--bad); padding: .5rem 1rem; background: #fcefe8; }
        .muted { color: var(--muted); }
        .chart-pair { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
        .chart-pair > * { flex: 1 1 20rem; min-width: 0; }
        figure { margin: 0; }
        .chart-pair svg { display: block; max-width: 100%; height: auto; }
        nav.spans ul, nav.sort ul, main nav.pages ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; margin: 0 0 1rem; padding: 0; border: 0; }
        nav.spans a[aria-current="page"], nav.sort a[aria-current="page"], main nav.pages a[aria-current="page"] { font-weight: 700; }
        table.data { border-collapse: collapse; margin: .5rem 0 1rem; font-variant-numeric: tabular-nums; }
        table.data caption { text-align: left; font-weight: 600; padding-bottom: .25rem; }
        table.data th, table.data td { border-bottom: 1px solid var(--line); padding: .3rem .6rem; text-align: left; vertical-align: top; }
        table.data td.num, table.data th.num { text-align: right; }
        table.data tbody tr:nth-child(even) { background: #f6f6f6; }
        .right { color: var(--good); font-weight: 600; }
        .wrong { color: var(--bad); font-weight: 600; }
        button, .button { font: inherit; padding: .35rem .9rem; border: 2px solid var(--accent); background: var(--accent); color: #fff; border-radius: 4px; cursor: pointer; }
        button.plain { background: var(--paper); color: var(--accent); }
        ul.conversations { padding-left: 1.2rem; }
        @media (max-width: 40rem) {
          main { padding: .5rem; }
          table.data { display: block; overflow-x: auto; }
        }
        @media (prefers-reduced-motion: reduce) { * { transition: none !important; animation: none !important; } }
        """;
}
