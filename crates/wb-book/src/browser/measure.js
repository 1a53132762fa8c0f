// Run in each loaded page (Runtime.evaluate, awaited): what the browser
// check needs to know about the page as rendered. Returns plain JSON.
(async () => {
  // Closed <details> (the "check yourself" answers) hide what is inside:
  // open them, so their pictures and their width are checked too.
  for (const d of document.querySelectorAll("details")) d.open = true;
  const isSvg = (src) => /\.svg([?#]|$)/i.test(src || "");
  const imgs = [...document.querySelectorAll("img")].filter((i) => isSvg(i.getAttribute("src")));
  for (const img of imgs) img.loading = "eager";
  await Promise.all(imgs.map((img) => img.decode().catch(() => {})));
  await document.fonts.ready;
  await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));

  const main = document.querySelector("main");
  const edge = document.documentElement.clientWidth;
  const describe = (el) => {
    const name = el.tagName.toLowerCase();
    const cls = typeof el.className === "string" ? el.className : el.getAttribute("class") || "";
    const id = el.id ? ` id="${el.id}"` : "";
    return `<${name}${id}${cls ? ` class="${cls}"` : ""}>`;
  };
  const size = (el) => {
    const r = el.getBoundingClientRect();
    return { width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10 };
  };

  const pictures = imgs.map((img) => ({
    what: `<img src="${img.getAttribute("src")}">`,
    ...size(img),
    natural: img.naturalWidth,
  }));
  // Inline pictures in the text: not mdBook's own icons (the menu bar is
  // outside <main>; the [!TIP] and [!NOTE] boxes and buttons have icons),
  // nor an <svg> inside another.
  for (const svg of main ? main.querySelectorAll("svg") : []) {
    if (svg.parentElement.closest("svg, button, .blockquote-tag-title")) continue;
    const title = svg.querySelector("title");
    pictures.push({
      what: `inline <svg>${title ? ` "${title.textContent.trim().slice(0, 60)}"` : ""}`,
      ...size(svg),
      natural: -1,
    });
  }

  // Anything in the text that reaches past the window's right edge, unless
  // it sits in a box that scrolls sideways (code blocks, tables, a wide
  // picture in a scroller): mdBook cuts such overflow off.
  const scrolls = (el) => {
    for (let a = el.parentElement; a && a !== main; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === "auto" || o === "scroll") return true;
    }
    return false;
  };
  const overflow = [];
  for (const el of main ? main.querySelectorAll("*") : []) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > edge + 0.5 && !scrolls(el)) {
      overflow.push(`${describe(el)} ends at ${Math.round(r.right)}px, past the window's ${edge}px`);
    }
  }
  // Side-by-side blocks: two columns or stacked, and their code blocks
  // that scroll sideways (a line cut at the column's edge), with the
  // sidebar as the page opened (shown on a wide window) and then hidden.
  const blocks = [...document.querySelectorAll(".side-by-side")];
  const twinLayout = () =>
    blocks.map((sbs) => {
      const [a, b] = sbs.children;
      const scrolling = [...sbs.querySelectorAll("pre > code")]
        .filter((code) => code.scrollWidth > code.clientWidth + 1)
        .map((code) => {
          const longest = code.textContent.split("\n").reduce((l, line) => (line.length > l.length ? line : l), "");
          return `a ${code.clientWidth}px wide code block that needs ${code.scrollWidth}px for \`${longest.trim().slice(0, 60)}\``;
        });
      return {
        columns: !!(a && b && Math.abs(a.getBoundingClientRect().top - b.getBoundingClientRect().top) < 1),
        scrolling,
      };
    });
  const sideBySide = twinLayout();
  const toggle = document.getElementById("mdbook-sidebar-toggle-anchor");
  let sidebarHidden = [];
  if (toggle && toggle.checked && blocks.length) {
    toggle.checked = false;
    document.documentElement.classList.remove("sidebar-visible");
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    sidebarHidden = twinLayout();
    toggle.checked = true;
    document.documentElement.classList.add("sidebar-visible");
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
  }

  const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
  for (const a of document.querySelectorAll("a[name]")) ids.push(a.name);
  return {
    h1: main?.querySelector("h1")?.textContent.trim() ?? "",
    headings: [...(main ? main.querySelectorAll("h1") : [])].map((h) => h.textContent.trim()),
    ids,
    links: [...document.querySelectorAll("a[href]")].map((a) => a.href),
    pictures,
    overflow,
    sideBySide,
    sidebarHidden,
    width: edge,
  };
})()
