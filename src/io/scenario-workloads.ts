// A scenario's `workloads:` section: each override patches its workload (any kind), the pods a
// dump brought with it and the PDB it asks for, as `kubectl patch` would edit the objects.
import type { Inventory } from '../model/types.js';
import { lookupWorkload, workloadNames } from '../model/workloads.js';
import { workloadKey } from '../model/types.js';
import type { WorkloadPatch } from './scenario-schema-workloads.js';
import type { PathSegment } from './yaml-source.js';
import { type DeploymentPatch, type Fail, type PdbTarget, patchDeployment, patchPdbs, patchTemplate } from './workload-patch.js';
import { checkPatchKeys, patchDaemonSet, patchJob, patchStatefulSet } from './set-patch.js';
import { patchCloneSet } from './cloneset-patch.js';

export async function applyWorkloadOverrides(inv: Inventory, overrides: Record<string, WorkloadPatch>, fail: Fail): Promise<Inventory> {
  let deployments = [...inv.deployments];
  let statefulSets = [...(inv.statefulSets ?? [])];
  let daemonSets = [...(inv.daemonSets ?? [])];
  let jobs = [...(inv.jobs ?? [])];
  let cloneSets = [...(inv.cloneSets ?? [])];
  let pdbs = [...inv.pdbs];
  let pods = [...inv.pods];
  const names = workloadNames(inv);
  for (const [key, patch] of Object.entries(overrides)) {
    const at: PathSegment[] = ['workloads', key];
    const found = lookupWorkload(inv, names, key);
    if (!found.ok) return fail(at, found.detail);
    const plain = `${found.namespace}/${found.name}`;
    const same = (w: { namespace: string; name: string }) => workloadKey(w) === plain;
    checkPatchKeys(found.kind, patch, at, fail);
    let target: PdbTarget;
    if (found.kind === 'Deployment') {
      const patched = patchDeployment(deployments.find(same)!, patch as DeploymentPatch, at, fail);
      let d = { ...patched, template: await patchTemplate(patched.template, patch, at, fail) };
      // A dump's older ReplicaSets run their own templates: patched alike (the new one runs the Deployment's).
      if (d.replicaSets?.some((rs) => rs.template)) {
        const replicaSets = await Promise.all(d.replicaSets.map(async (rs) => (rs.template ? { ...rs, template: await patchTemplate(rs.template, patch, at, fail) } : rs)));
        d = { ...d, replicaSets };
      }
      deployments = deployments.map((x) => (same(x) ? d : x));
      target = d;
    } else if (found.kind === 'StatefulSet') {
      const patched = patchStatefulSet(statefulSets.find(same)!, patch, at, fail);
      const s = { ...patched, template: await patchTemplate(patched.template, patch, at, fail) };
      statefulSets = statefulSets.map((x) => (same(x) ? s : x));
      target = s;
    } else if (found.kind === 'DaemonSet') {
      const patched = patchDaemonSet(daemonSets.find(same)!, patch, at, fail);
      const d = { ...patched, template: await patchTemplate(patched.template, patch, at, fail) };
      daemonSets = daemonSets.map((x) => (same(x) ? d : x));
      target = d;
    } else if (found.kind === 'CloneSet') {
      const patched = patchCloneSet(cloneSets.find(same)!, patch, at, fail);
      const x = { ...patched, template: await patchTemplate(patched.template, patch, at, fail) };
      cloneSets = cloneSets.map((y) => (same(y) ? x : y));
      target = x;
    } else {
      const patched = patchJob(jobs.find(same)!, patch, at, fail);
      const j = { ...patched, template: await patchTemplate(patched.template, patch, at, fail) };
      jobs = jobs.map((x) => (same(x) ? j : x));
      target = j;
    }
    pdbs = patchPdbs(pdbs, target, patch, at, fail);
    const owns = (p: Inventory['pods'][number]) => p.workload === plain && (p.workloadKind ?? 'Deployment') === found.kind;
    pods = await Promise.all(pods.map(async (p) => (owns(p) && p.spec ? { ...p, spec: await patchTemplate(p.spec, patch, at, fail) } : p)));
  }
  return { ...inv, deployments, statefulSets, daemonSets, ...(jobs.length || inv.jobs ? { jobs } : {}), ...(inv.cloneSets ? { cloneSets } : {}), pdbs, pods };
}
