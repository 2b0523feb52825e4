// The script every page loads (assets/site.js, a few KB): shows the theme toggle,
// makes `/` focus the search box, and loads the search code (assets/search.js) only
// when the box is first focused, or on the search page.
const doc = document.documentElement;
doc.classList.add("js");

function theme(): void {
  const button = document.getElementById("theme-toggle") as HTMLButtonElement | null;
  if (!button) return;
  const dark = matchMedia("(prefers-color-scheme: dark)");
  const current = () => doc.getAttribute("data-theme") ?? (dark.matches ? "dark" : "light");
  const label = () => {
    button.textContent = current() === "dark" ? "Light theme" : "Dark theme";
  };
  button.hidden = false;
  label();
  dark.addEventListener("change", label);
  button.addEventListener("click", () => {
    const next = current() === "dark" ? "light" : "dark";
    doc.setAttribute("data-theme", next);
    try {
      localStorage.setItem("nexus-theme", next);
    } catch {
      // Not kept (file:// or private mode): this page only.
    }
    label();
  });
}

type Api = { attach: (box: HTMLInputElement, into: HTMLElement, root: string, options?: { limit?: number; page?: boolean }) => void };

function search(): void {
  const form = document.querySelector<HTMLFormElement>("form.search");
  const box = document.getElementById("search-box") as HTMLInputElement | null;
  const results = document.getElementById("search-results");
  if (!form || !box || !results) return;
  const root = form.dataset.root ?? "";
  let loading: Promise<Api> | undefined;
  const load = () =>
    (loading ??= new Promise<Api>((resolve, reject) => {
      const script = document.createElement("script");
      script.src = new URL("assets/search.js", new URL(root, document.baseURI)).href;
      script.onload = () => resolve((window as unknown as { nexusSearch: Api }).nexusSearch);
      script.onerror = () => reject(new Error("search could not be loaded"));
      document.head.appendChild(script);
    }));
  const page = document.getElementById("search-page");
  if (page) {
    const q = new URLSearchParams(location.search).get("q") ?? "";
    box.value = q;
    const into = document.createElement("section");
    into.id = "search-page-results";
    into.setAttribute("aria-live", "polite");
    into.setAttribute("aria-label", "Search results");
    page.append(into);
    form.addEventListener("submit", (event) => event.preventDefault());
    void load().then((api) => api.attach(box, into, root, { limit: 100, page: true }));
  } else {
    box.addEventListener("focus", () => void load().then((api) => api.attach(box, results, root)), { once: true });
    document.addEventListener("click", (event) => {
      if (!form.contains(event.target as Node)) results.hidden = true;
    });
  }
  document.addEventListener("keydown", (event) => {
    const target = event.target as HTMLElement;
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    event.preventDefault();
    box.focus();
  });
}

theme();
search();
