/**
 * Wizard step navigation on a small two-field, three-step form: Next validates only the
 * current step's fields (staying put and focusing the first invalid one, with its message),
 * moves on when they pass; earlier steps are reachable from the step list, later ones are
 * not; Back returns; the last step validates everything and finishes once; Enter submits.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { render, screen } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import type { ReactElement } from "react";
import { useForm } from "react-hook-form";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";

import { useWizardSteps, type WizardStep } from "./useWizardSteps";
import { WizardSteps } from "./WizardSteps";

const schema = z.object({
  name: z.string().min(1, "Name is required."),
  port: z.string().regex(/^\d+$/, "Port must be a number."),
});
type Values = z.infer<typeof schema>;

const STEPS: readonly WizardStep<Values>[] = [
  { title: "Name", fields: ["name"] },
  { title: "Port", fields: ["port"] },
  { title: "Review", fields: [] },
];

function Harness({ onFinish }: { onFinish: (v: Values) => void }): ReactElement {
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { name: "", port: "" },
  });
  const wizard = useWizardSteps(form, STEPS, () => {
    onFinish(form.getValues());
  });
  const { errors } = form.formState;
  return (
    <form noValidate aria-label="Harness" onSubmit={wizard.onSubmit}>
      <WizardSteps titles={STEPS.map((s) => s.title)} step={wizard.step} onSelect={wizard.goTo} />
      {wizard.step === 0 && (
        <>
          <label htmlFor="name">Name</label>
          <input id="name" {...form.register("name")} />
          {errors.name && <p>{errors.name.message}</p>}
        </>
      )}
      {wizard.step === 1 && (
        <>
          <label htmlFor="port">Port</label>
          <input id="port" {...form.register("port")} />
          {errors.port && <p>{errors.port.message}</p>}
        </>
      )}
      {wizard.step > 0 && (
        <button type="button" onClick={wizard.back}>
          Back
        </button>
      )}
      <button type="submit">{wizard.isLast ? "Finish" : "Next"}</button>
    </form>
  );
}

function setup(): { user: ReturnType<typeof userEvent.setup>; onFinish: ReturnType<typeof vi.fn> } {
  const onFinish = vi.fn();
  render(<Harness onFinish={onFinish} />);
  return { user: userEvent.setup(), onFinish };
}

function heading(): string {
  return screen.getByRole("heading", { level: 2 }).textContent;
}

function stepButton(name: RegExp): HTMLElement {
  return screen.getByRole("button", { name });
}

describe("WizardSteps with useWizardSteps", () => {
  it("lists every step, marks the current one and disables those ahead", () => {
    setup();
    expect(screen.getByRole("navigation", { name: "Wizard steps" })).toBeInTheDocument();
    expect(heading()).toBe("Step 1 of 3: Name");
    expect(stepButton(/1\. Name/)).toHaveAttribute("aria-current", "step");
    expect(stepButton(/2\. Port/)).toBeDisabled();
    expect(stepButton(/3\. Review/)).toBeDisabled();
  });

  it("stays on a step whose fields are invalid, focusing the first one with its message", async () => {
    const { user } = setup();
    await user.click(screen.getByRole("button", { name: "Next" }));
    expect(heading()).toBe("Step 1 of 3: Name");
    expect(screen.getByText("Name is required.")).toBeInTheDocument();
    expect(screen.getByLabelText("Name")).toHaveFocus();
  });

  it("validates only the current step's fields before moving on", async () => {
    const { user } = setup();
    await user.type(screen.getByLabelText("Name"), "edge");
    await user.click(screen.getByRole("button", { name: "Next" }));
    expect(heading()).toBe("Step 2 of 3: Port");
    // The port is still empty, but it belongs to this step and was not checked yet.
    expect(screen.queryByText("Port must be a number.")).not.toBeInTheDocument();
    await user.type(screen.getByLabelText("Port"), "http");
    await user.click(screen.getByRole("button", { name: "Next" }));
    expect(heading()).toBe("Step 2 of 3: Port");
    expect(screen.getByText("Port must be a number.")).toBeInTheDocument();
  });

  it("goes back with Back and from the step list, but not forward from it", async () => {
    const { user } = setup();
    await user.type(screen.getByLabelText("Name"), "edge");
    await user.click(screen.getByRole("button", { name: "Next" }));
    await user.type(screen.getByLabelText("Port"), "8080");
    await user.click(screen.getByRole("button", { name: "Next" }));
    expect(heading()).toBe("Step 3 of 3: Review");
    await user.click(screen.getByRole("button", { name: "Back" }));
    expect(heading()).toBe("Step 2 of 3: Port");
    expect(stepButton(/3\. Review/)).toBeDisabled();
    await user.click(stepButton(/1\. Name/));
    expect(heading()).toBe("Step 1 of 3: Name");
    expect(screen.getByLabelText("Name")).toHaveValue("edge");
  });

  it("finishes once on the last step with the values entered, from Enter as well", async () => {
    const { user, onFinish } = setup();
    await user.type(screen.getByLabelText("Name"), "edge{Enter}");
    expect(heading()).toBe("Step 2 of 3: Port");
    await user.type(screen.getByLabelText("Port"), "8080{Enter}");
    expect(heading()).toBe("Step 3 of 3: Review");
    expect(onFinish).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "Finish" }));
    expect(onFinish).toHaveBeenCalledTimes(1);
    expect(onFinish).toHaveBeenCalledWith({ name: "edge", port: "8080" });
  });
});
