// Run in a loaded page after the check has typed into mdBook's search bar:
// waits (up to 10 s) for the results list and returns its links.
(async () => {
  const deadline = Date.now() + 10000;
  for (;;) {
    const links = [...document.querySelectorAll("#mdbook-searchresults li a")];
    if (links.length || Date.now() > deadline) {
      return {
        links: links.map((a) => a.href),
        header: document.getElementById("mdbook-searchresults-header")?.textContent.trim() ?? "",
      };
    }
    await new Promise((ok) => setTimeout(ok, 50));
  }
})()
