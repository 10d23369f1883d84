// Dash 4's option lists, slider and dropdown as assistive technology needs them.
//
// Their markup breaks WCAG 2.1 rules that axe-core checks (tests/browser/test_accessibility.py):
// radio buttons and checkboxes sit inside labels that claim role="option" (an interactive
// control inside another), the lists and the slider's thumb have no name, and the
// dropdown's keyboard target is both focusable and aria-hidden. The components take no
// ARIA properties, so their elements are mended here, again whenever React draws them anew.
(function () {
  "use strict";

  // A control's name: the group around it, or the heading it belongs to.
  function nameFor(list) {
    const group = list.closest("[aria-label], [aria-labelledby]");
    if (!group || group === list) return null;
    return group.getAttribute("aria-label")
      ? { "aria-label": group.getAttribute("aria-label") }
      : { "aria-labelledby": group.getAttribute("aria-labelledby") };
  }

  function set(node, name, value) {
    if (node.getAttribute(name) !== value) node.setAttribute(name, value);
  }

  function mend(root) {
    root.querySelectorAll(".dash-options-list[role=listbox]").forEach((list) => {
      // Native radio buttons and checkboxes already say what they are: the list is a
      // group of them, not a listbox of options.
      set(list, "role", list.classList.contains("dash-radioitems") ? "radiogroup" : "group");
      const name = nameFor(list);
      if (name) Object.entries(name).forEach(([k, v]) => set(list, k, v));
    });
    const options = ".dash-options-list-option[role], .dash-options-list-option[aria-selected]";
    root.querySelectorAll(options).forEach((label) => {
      label.removeAttribute("role");
      label.removeAttribute("aria-selected");
    });
    root.querySelectorAll(".dash-slider-thumb[role=slider]").forEach((thumb) => {
      const slider = thumb.closest("[aria-label]");
      if (slider) set(thumb, "aria-label", slider.getAttribute("aria-label"));
    });
    // The dropdown: its button takes the focus, the hidden stand-in does not.
    root.querySelectorAll(".dash-dropdown-wrapper").forEach((wrapper) => {
      const target = wrapper.querySelector(".dash-dropdown-focus-target[aria-hidden=true]");
      const button = wrapper.querySelector("button.dash-dropdown");
      if (target && button) {
        set(target, "tabindex", "-1");
        set(button, "tabindex", "0");
      }
    });
  }

  // Called once per batch of changes, before the page paints; mending changes nothing
  // the second time, so it does not call itself again.
  const observer = new MutationObserver(() => mend(document));

  function start() {
    mend(document);
    observer.observe(document.body, {
      childList: true, subtree: true, attributes: true,
      attributeFilter: ["role", "tabindex", "aria-selected", "aria-hidden"],
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
