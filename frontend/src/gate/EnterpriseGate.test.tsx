/**
 * EnterpriseGate in the gateway wizard's WAF step: on OSS the control is greyed
 * (aria-disabled) with the tooltip and a trial link, and no Plus-only call (WAF policies) is
 * made; on Plus the feature renders and lists the policies.
 */
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { FakeApi, json, kubeObject, list } from "../test/FakeApi";
import { renderApp } from "../test/renderApp";
import { ENTERPRISE_TOOLTIP, TRIAL_URL } from "./EnterpriseGate";

async function openWafStep(api: FakeApi): Promise<void> {
  const { user } = renderApp("/gateways/create", { api });
  await user.click(screen.getByRole("button", { name: "Next" }));
  await user.type(await screen.findByLabelText("Name"), "edge");
  await user.click(screen.getByRole("button", { name: "Next" }));
  await screen.findByRole("heading", { name: /Step 3 of 5: WAF policy/ });
}

describe("EnterpriseGate", { timeout: 30_000 }, () => {
  it("greys Plus-only features on OSS and makes no Plus-only call", async () => {
    const api = new FakeApi("oss").on("GET", "/api/v1/policies/waf", () => json(list([])));
    await openWafStep(api);

    const control = await screen.findByRole("button", { name: "WAF policy" });
    expect(control).toHaveAttribute("aria-disabled", "true");
    expect(control).toHaveAccessibleDescription(ENTERPRISE_TOOLTIP);
    expect(screen.getByRole("link", { name: "Start an F5 trial" })).toHaveAttribute(
      "href",
      TRIAL_URL,
    );
    expect(screen.queryByLabelText("WAF mode")).not.toBeInTheDocument();
    expect(api.calls("/api/v1/policies/waf")).toHaveLength(0);
  });

  it("renders the feature on Plus, which lists the WAF policies", async () => {
    const api = new FakeApi("plus").on("GET", "/api/v1/policies/waf", () =>
      json(list([kubeObject("WAFPolicy", "strict", { namespace: "default" })])),
    );
    await openWafStep(api);

    expect(await screen.findByRole("option", { name: "strict" })).toBeInTheDocument();
    expect(screen.getByLabelText("WAF mode")).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Start an F5 trial" })).not.toBeInTheDocument();
    expect(api.calls("/api/v1/policies/waf")).toHaveLength(1);
  });
});
