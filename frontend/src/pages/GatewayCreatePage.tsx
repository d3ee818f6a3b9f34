import type { ReactElement } from "react";

import { PageHeader } from "../components/PageHeader";
import { defaultGatewayBundleForm } from "../gateways/gatewayBundleForm";
import { GatewayBundleWizard } from "../gateways/GatewayBundleWizard";
import { useUiStore } from "../state/uiStore";

export function GatewayCreatePage(): ReactElement {
  const namespace = useUiStore((s) => s.namespace);
  return (
    <>
      <PageHeader
        title="Create gateway"
        description="Five steps to one GatewayBundle; the operator builds the Gateway, NginxProxy and WAF policy from it."
      />
      <GatewayBundleWizard initial={defaultGatewayBundleForm(namespace)} />
    </>
  );
}
